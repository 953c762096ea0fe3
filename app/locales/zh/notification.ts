// Notifications are stored as kind + parameters and rendered here, in the reader's language (009).
// Every kind of app/domain/notifications.ts has a title and a body (checked by tsc and a test).
import type { NotificationKind } from '~/domain/notifications.ts'

type Texts = Record<NotificationKind, { title: string; body: string }>

const kinds = {
	'listing-submitted': { title: '有新的挂牌申请待审核', body: '{{listing}}' },
	'listing-published': { title: '挂牌申请已通过审核', body: '{{listing}}：{{opinion}}' },
	'listing-returned': { title: '挂牌申请被退回修改', body: '{{listing}}：{{opinion}}' },
	'listing-rejected': { title: '挂牌申请未通过审核', body: '{{listing}}：{{opinion}}' },
	'inquiry-created': { title: '收到新的意向登记', body: '{{listing}}：{{buyer}}' },
	'inquiry-withdrawn': { title: '受让方撤回了意向', body: '{{listing}}：{{buyer}}' },
	'inquiry-replied': { title: '村集体答复了您的意向', body: '{{listing}}：{{excerpt}}' },
	'inquiry-closed': { title: '您的意向已被村集体关闭', body: '{{listing}}' },
	'deal-submitted': { title: '有新的成交待审核', body: '{{listing}}' },
	'deal-in-notice': { title: '成交已通过审核，进入公示', body: '{{listing}}：{{opinion}}' },
	'deal-rejected': { title: '成交未通过审核', body: '{{listing}}：{{opinion}}' },
	'filing-submitted': { title: '新的线下成交备案待审核', body: '{{listing}}' },
	'filing-filed': { title: '线下成交已备案', body: '{{listing}}：{{opinion}}' },
	'filing-returned': { title: '线下成交备案被退回', body: '{{listing}}：{{opinion}}' },
	'deal-objected': { title: '公示中的成交收到异议', body: '{{listing}}' },
	'objection-upheld': { title: '公示异议成立，成交不予通过', body: '{{listing}}：{{opinion}}' },
	'objection-dismissed': { title: '公示异议不成立，公示继续', body: '{{listing}}：{{opinion}}' },
	'deal-completed': { title: '成交已鉴证，交易鉴证书已出具', body: '{{listing}}：证书编号 {{certificateNo}}' },
	'deal-returned': { title: '产权服务中心退回成交，请重新审核', body: '{{listing}}：{{opinion}}' },
	'bidding-sold': { title: '竞价已成交，待党组织审核', body: '{{listing}}：竞买人{{alias}} 以 {{amount}} 竞得' },
	'bidding-won': { title: '恭喜，您已竞得', body: '{{listing}}：成交价 {{amount}}，待党组织审核' },
	'bidding-lost': { title: '竞价已结束', body: '{{listing}}：未竞得{{refund}}' },
	'bidding-failed': { title: '竞价流拍', body: '{{listing}}：{{reason}}。可重新挂牌或改为协议转让' },
	'bidding-failed-bidder': { title: '竞价流拍', body: '{{listing}}：{{reason}}{{refund}}' },
	'deposit-pending': { title: '有竞买人报名，待确认保证金', body: '{{listing}}：竞买人{{alias}}，保证金 {{deposit}}' },
	'deposit-received': { title: '保证金已确认，可以出价', body: '{{listing}}' },
	'deposit-refunded': { title: '保证金已退还', body: '{{listing}}：{{deposit}}' },
	'win-voided': { title: '您的竞得资格已被取消', body: '{{listing}}：未在期限内签约付款，保证金 {{deposit}}不予退还' },
	'win-runner-up': { title: '您已递补竞得', body: '{{listing}}：原竞得人未按期签约付款，由您以 {{amount}} 递补竞得，请在期限内签约付款' },
	'win-voided-village': { title: '竞得人逾期未付款，已由次高竞买人递补', body: '{{listing}}：竞买人{{alias}} 递补竞得' },
	'win-voided-failed': { title: '竞得人逾期未付款，竞价流拍', body: '{{listing}}：无其他竞买人可递补。可重新挂牌或改为协议转让' },
	'rent-due-soon': { title: '租金即将到期', body: '{{listing}}：应于 {{due}} 前收取' },
	'rent-overdue': { title: '租金已逾期未付', body: '{{listing}}：应于 {{due}} 前收取' },
	'wanted-submitted': { title: '收到新的求租求购信息待审核', body: '{{wanted}}' },
	'wanted-published': { title: '求租求购信息已审核发布', body: '{{wanted}}：{{opinion}}' },
	'wanted-returned': { title: '求租求购信息被退回修改', body: '{{wanted}}：{{opinion}}' },
	'wanted-rejected': { title: '求租求购信息未通过审核', body: '{{wanted}}：{{opinion}}' },
	'wanted-expired': { title: '求租求购信息已到期', body: '{{wanted}}：发布满 90 天，已自动下架' },
	'wanted-matched': { title: '有符合您需求的新挂牌', body: '{{listing}}（匹配“{{wanted}}”）' },
	'signup-existing': {
		title: '有人用您的手机号或邮箱申请注册',
		body: '有人用本账号的手机号或邮箱提交了注册。账号没有任何变化。如果是您本人，直接用原来的密码登录即可；忘记密码请联系产权服务中心重置。',
	},
	'favourite-price-changed': { title: '您收藏的挂牌调整了价格', body: '{{listing}}：由 {{oldPrice}} 调整为 {{newPrice}}' },
	'favourite-bidding': { title: '您收藏的挂牌开始竞价', body: '{{listing}}：竞价截止 {{deadline}}，可报名参加' },
	'favourite-withdrawn': { title: '您收藏的挂牌已撤牌', body: '{{listing}}' },
	'favourite-expired': { title: '您收藏的挂牌已到期下架', body: '{{listing}}：挂牌期满，已不在地图上' },
	'favourite-traded': { title: '您收藏的挂牌已成交', body: '{{listing}}' },
	'saved-search-match': { title: '有新挂牌符合您保存的搜索', body: '「{{search}}」：{{listing}}' },
	'saved-search-digest': { title: '每日搜索提醒：{{count}} 条新挂牌', body: '{{day}}：您保存的 {{searches}} 个搜索有新的匹配，包括「{{search}}」' },
} satisfies Texts

export default {
	kinds,
	refund: '，保证金 {{deposit}}将退还',
	failReasons: { tooFewBidders: '交纳保证金的竞买人不足', noBids: '无人出价', listingUnavailable: '标的已不可交易' },
	/** The notice a row written before 009 shows under its stored Chinese text, in English only. */
	legacy: '',
}
