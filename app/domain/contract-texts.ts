// The built-in model texts (version 1 of each template kind, decision 030), written for this
// platform after the clause structure of the national model texts for land management rights
// (农村土地经营权出租合同 / 入股合同 示范文本, 2021): the parties, the property, mode, term and use,
// the price and its payment, delivery and return, each side's rights and duties, change and
// termination, liability, disputes, filing and signatures. Not a copy of any published text; the
// administrator adapts them on /admin/contracts, and every change is a new version.
/* eslint-disable no-irregular-whitespace -- the texts set blanks with the ideographic space (U+3000) of Chinese typesetting */
import type { TemplateKind } from './contract-template.ts'

const PARTIES = (transferor: string, transferee: string) => `合同编号：{{contractNo}}

甲方（${transferor}）：{{town}}{{village}}集体经济组织
联系人：{{villageContact}}　　联系电话：{{villagePhone}}

乙方（${transferee}）：{{transferee}}
身份证号码或统一社会信用代码：{{transfereeIdNumber}}　　联系电话：{{transfereePhone}}`

const CLOSING = `## 争议解决
因本合同发生争议的，双方协商解决；协商不成的，可以请求村（嘎查）民委员会、乡镇（苏木）人民政府调解，也可以向农村土地承包仲裁机构申请仲裁，或者直接向人民法院起诉。

## 备案与生效
本合同经{{centre}}组织交易（{{tradingMode}}，成交日期 {{dealDate}}），经乡镇（苏木）党组织审核、公示期满无异议后，由服务中心鉴证并备案。本合同自双方签字（盖章）之日起生效，一式四份，甲乙双方、乡镇（苏木）农村经营管理部门和服务中心各执一份，具有同等效力。

## 其他约定
本合同未尽事宜，双方可以另行签订补充协议，补充协议与本合同具有同等效力。
＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿

甲方（盖章）：　　　　　　　　　　　乙方（签字或盖章）：
负责人（签字）：
签订日期：　　年　　月　　日　　　　签订日期：　　年　　月　　日`

const LAND_PROPERTY = `## 流转土地
甲方将位于{{town}}{{village}}的土地「{{title}}」流转给乙方，面积合计 {{area}}，共 {{parcelCount}} 块。地块以农村土地承包经营权确权登记成果为准：

{{parcels}}`

const LAND_DUTIES = `## 甲方的权利和义务
（一）按照合同约定收取流转价款，监督乙方依法合理利用和保护土地；
（二）按时交付土地，不得干涉乙方依法进行的正常生产经营活动；
（三）乙方擅自改变土地农业用途、弃耕抛荒连续两年以上、给土地造成严重损害或者严重破坏土地生态环境的，有权依法解除合同并要求赔偿。

## 乙方的权利和义务
（一）在合同期限内依法自主开展农业生产经营，取得收益；
（二）按照合同约定支付流转价款；
（三）不得改变土地的农业用途，不得用于非农建设，保护和合理利用土地，不得给土地造成永久性损害；
（四）经甲方书面同意并向发包方备案，可以再流转土地经营权或者依法融资担保；
（五）合同到期或者解除时，按照约定返还土地；在同等条件下享有续约的优先权。`

const CHANGE = `## 合同的变更和解除
（一）经双方协商一致，可以变更或者解除本合同；变更期限、价款或者面积的，应当签订书面协议，并报乡镇（苏木）审核备案；
（二）因不可抗力致使合同目的不能实现的，双方均可以解除合同，互不承担违约责任；
（三）一方依法解除合同的，应当书面通知对方，并说明理由。

## 违约责任
（一）甲方不按期交付土地或者非法干涉乙方生产经营的，应当赔偿乙方因此造成的损失；
（二）乙方逾期支付流转价款的，每逾期一日，按应付未付金额的万分之五向甲方支付违约金；逾期超过九十日的，甲方有权解除合同；
（三）一方违约给对方造成损失的，应当依法承担赔偿责任。`

const TERM_AND_PRICE = (kind: string) => `## 流转方式、期限和用途
流转方式为{{mode}}。流转期限为 {{termYears}} 年，自 {{startsOn}} 起至 {{endsOn}} 止。乙方将土地用于 {{useAfter}}，不得改变土地的农业用途。

## ${kind}
成交价格为 {{price}}，合同总价款为人民币 {{totalValue}} 元（大写：{{totalValueUpper}}）。按年支付的，每年 {{annualRent}} 元（大写：{{annualRentUpper}}），于每个流转年度开始之日前付清当年价款；首年价款于交付土地之日前付清。付款以银行转账等可查验的方式进行，甲方收款后出具收据。

## 土地交付和返还
甲方应当于合同生效之日起十日内将土地交付乙方，双方现场确认四至界址。合同期满或者解除后，乙方应当将土地交还甲方；乙方投资建设的农业附属设施，由双方按照约定或者依法处理。`

export const BUILT_IN_TEMPLATES: Record<TemplateKind, { title: string; body: string }> = {
	LAND_LEASE: {
		title: '农村土地经营权出租（转包）合同',
		body: [PARTIES('出租方', '承租方'), LAND_PROPERTY, TERM_AND_PRICE('租金及支付方式'), LAND_DUTIES, CHANGE, CLOSING].join('\n\n'),
	},
	LAND_SHARE: {
		title: '农村土地经营权入股（合作）合同',
		body: [
			PARTIES('入股方', '受让方'),
			LAND_PROPERTY,
			`## 入股方式、期限和用途
甲方以上述土地的经营权{{mode}}乙方，期限为 {{termYears}} 年，自 {{startsOn}} 起至 {{endsOn}} 止。乙方将土地用于 {{useAfter}}，不得改变土地的农业用途。

## 折股与收益分配
双方约定土地经营权作价为 {{price}}，合计人民币 {{totalValue}} 元（大写：{{totalValueUpper}}）。收益分配采取保底收益加按股分红的方式：保底收益每年 {{annualRent}} 元，于每个年度开始之日前支付；分红比例和时间由双方另行书面约定，并向甲方成员公开。乙方经营亏损的，甲方的保底收益不受影响。

## 经营管理
乙方应当建立规范的财务制度，每年向甲方报告经营情况和财务状况。乙方解散、破产或者经营不善的，入股土地的经营权应当优先用于返还甲方。`,
			LAND_DUTIES,
			CHANGE,
			CLOSING,
		].join('\n\n'),
	},
	LAND_TRANSFER: {
		title: '农村土地经营权转让合同',
		body: [
			PARTIES('转让方', '受让方'),
			LAND_PROPERTY,
			`## 转让方式、期限和用途
转让方式为{{mode}}，转让的是上述土地在剩余期限内的经营权，期限为 {{termYears}} 年，自 {{startsOn}} 起至 {{endsOn}} 止。乙方将土地用于 {{useAfter}}，不得改变土地的农业用途。

## 转让价款及支付方式
成交价格为 {{price}}，转让总价款为人民币 {{totalValue}} 元（大写：{{totalValueUpper}}），乙方于合同生效之日起十个工作日内一次付清。付款以银行转账等可查验的方式进行，甲方收款后出具收据。

## 土地交付
甲方收到全部价款之日起十日内将土地交付乙方，双方现场确认四至界址。`,
			LAND_DUTIES,
			CHANGE,
			CLOSING,
		].join('\n\n'),
	},
	HOUSE_LEASE: {
		title: '农村闲置农房租赁（合作）合同',
		body: [
			PARTIES('出租方', '承租方'),
			`## 租赁房屋
甲方将位于{{town}}{{village}}的农房「{{title}}」以{{mode}}方式交由乙方使用，建筑面积 {{area}}。房屋的现状、附属设施和家具清单，由双方在交付时签字确认，作为本合同附件。

## 期限和用途
租赁期限为 {{termYears}} 年，自 {{startsOn}} 起至 {{endsOn}} 止。乙方将房屋用于 {{useAfter}}，不得用于违法活动，不得改变房屋主体结构；改建、扩建须经甲方书面同意并依法办理手续。宅基地所有权和资格权不因本合同发生转移。

## 租金及支付方式
成交价格为 {{price}}，合同总价款为人民币 {{totalValue}} 元（大写：{{totalValueUpper}}）。按年支付的，每年 {{annualRent}} 元（大写：{{annualRentUpper}}），于每个租赁年度开始之日前付清。

## 双方的权利和义务
（一）甲方保证对房屋享有合法权利，按时交付房屋，负责房屋主体结构的维修；
（二）乙方合理使用房屋，负责日常维护，承担使用期间的水、电、燃气等费用，做好消防安全；
（三）乙方转租的，须经甲方书面同意；
（四）合同期满或者解除后，乙方按交付时的状态返还房屋（正常损耗除外）。`,
			CHANGE.replace('期限、价款或者面积', '期限、租金或者面积').replace('不按期交付土地', '不按期交付房屋'),
			CLOSING,
		].join('\n\n'),
	},
	ASSET_LEASE: {
		title: '农村集体资产租赁（承包经营）合同',
		body: [
			PARTIES('出租方', '承租方'),
			`## 资产
甲方将集体资产「{{title}}」（位于{{town}}{{village}}，面积 {{area}}）以{{mode}}方式交由乙方经营使用。资产清单及现状由双方在交付时签字确认，作为本合同附件。该资产的出租已经集体经济组织成员（代表）会议依法决议并公开。

## 期限和用途
期限为 {{termYears}} 年，自 {{startsOn}} 起至 {{endsOn}} 止。乙方将资产用于 {{useAfter}}，不得从事违法经营，不得擅自改变资产用途或者拆除、改建。

## 价款及支付方式
成交价格为 {{price}}，合同总价款为人民币 {{totalValue}} 元（大写：{{totalValueUpper}}）。按年支付的，每年 {{annualRent}} 元（大写：{{annualRentUpper}}），于每个年度开始之日前付清。价款纳入集体经济组织账户管理，并向成员公开。

## 双方的权利和义务
（一）甲方按时交付资产，保证资产权属清楚；
（二）乙方妥善使用和维护资产，承担经营期间的费用和安全责任，不得转租、抵押；
（三）合同期满或者解除后，乙方按交付时的状态返还资产（正常损耗除外），新增设施按照约定处理。`,
			CHANGE.replace('不按期交付土地', '不按期交付资产'),
			CLOSING,
		].join('\n\n'),
	},
	ASSET_TRANSFER: {
		title: '农村集体资产转让合同',
		body: [
			PARTIES('转让方', '受让方'),
			`## 转让标的
甲方将集体资产「{{title}}」（位于{{town}}{{village}}，面积 {{area}}）转让给乙方。资产清单及现状由双方在交付时签字确认，作为本合同附件。该资产的转让已经集体经济组织成员（代表）会议依法决议并公开，转让方式为{{mode}}。

## 转让价款及支付方式
成交价格为 {{price}}，转让总价款为人民币 {{totalValue}} 元（大写：{{totalValueUpper}}），乙方于合同生效之日起十个工作日内一次付清，价款纳入集体经济组织账户管理，并向成员公开。

## 交付和过户
甲方收到全部价款之日起十日内交付资产，并协助乙方办理依法需要的变更登记手续，费用由双方按照规定承担。资产交付前的风险由甲方承担，交付后的风险由乙方承担。`,
			CHANGE.replace('变更期限、价款或者面积', '变更价款或者标的').replace('不按期交付土地', '不按期交付资产').replace('逾期超过九十日', '逾期超过三十日'),
			CLOSING,
		].join('\n\n'),
	},
}
