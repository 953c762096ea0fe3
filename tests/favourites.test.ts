// Issue 13 against a real, freshly migrated database: stars (public listings only, idempotent,
// the per-account limit, owner-scoped lists), the notifications to everyone who starred a listing
// when its price changes, a round opens, it is withdrawn or traded (each written in the change's
// own transaction, with the old and new price), short codes and the compare table.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAVOURITES } from "~/domain/favourites.ts";
import { shortCode } from "~/domain/share.ts";
import { createTestDatabase } from "./helpers/database.ts";

type Db = typeof import("~/utils/db.server.ts");
let dir: string;
let prisma: Db["prisma"];
let fav: typeof import("~/models/favourite.server.ts");
let wf: typeof import("~/models/listing-workflow.server.ts");
let bidding: typeof import("~/models/bidding.server.ts");
let deal: typeof import("~/models/deal.server.ts");
let share: typeof import("~/models/share.server.ts");

let townId: string;
let villageId: string;
let villageUser: {
  id: string;
  villageId: string | null;
  role: string;
  townId: string | null;
};
let otherVillageUser: { id: string; villageId: string | null };
let admin: {
  id: string;
  role: string;
  townId: string | null;
  villageId: string | null;
};
let buyerA: string;
let buyerB: string;
let buyerC: string;
let n = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "favourites-test-"));
  process.env.DATABASE_URL = await createTestDatabase(dir);
  process.env.UPLOAD_DIR = path.join(dir, "uploads");
  process.env.SESSION_SECRET = "favourites-test-secret-0123456789abcdefghij";
  ({ prisma } = await import("~/utils/db.server.ts"));
  fav = await import("~/models/favourite.server.ts");
  wf = await import("~/models/listing-workflow.server.ts");
  bidding = await import("~/models/bidding.server.ts");
  deal = await import("~/models/deal.server.ts");
  share = await import("~/models/share.server.ts");
  townId = (
    await prisma.town.create({
      data: {
        code: "ta",
        name: "树林召镇",
        nameEn: "Shulinzhao",
        lat: 40.4,
        lng: 110,
      },
    })
  ).id;
  villageId = (
    await prisma.village.create({
      data: {
        code: "va",
        name: "新胜村",
        nameEn: "Xinsheng",
        townId,
        lat: 40.41,
        lng: 110.01,
      },
    })
  ).id;
  const otherVillage = (
    await prisma.village.create({
      data: {
        code: "vb",
        name: "赛乌素村",
        nameEn: "Saiwusu",
        townId,
        lat: 40.3,
        lng: 110.1,
      },
    })
  ).id;
  const user = (data: { name: string; role: string; villageId?: string }) =>
    prisma.user.create({
      data,
      select: { id: true, villageId: true, role: true, townId: true },
    });
  villageUser = await user({
    name: "新胜村村委会",
    role: "VILLAGE",
    villageId,
  });
  otherVillageUser = await user({
    name: "赛乌素村村委会",
    role: "VILLAGE",
    villageId: otherVillage,
  });
  admin = await user({ name: "管理员", role: "ADMIN" });
  buyerA = (await user({ name: "买家甲", role: "BUYER" })).id;
  buyerB = (await user({ name: "买家乙", role: "BUYER" })).id;
  buyerC = (await user({ name: "买家丙", role: "BUYER" })).id;
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A land listing of the village, 50 mu at 600 元/亩·年, published unless told otherwise. */
function row(status: string, over: Record<string, unknown>) {
  n++;
  return {
    type: "LAND",
    status,
    title: `测试地块 ${n}`,
    description: "水浇地，通电通路。",
    townId,
    villageId,
    lat: 40.42,
    lng: 110.02,
    area: 50,
    areaUnit: "mu",
    landClass: "CROPLAND",
    price: 600,
    priceUnit: "YUAN_PER_MU_YEAR",
    priceYuan: 30_000,
    transferMode: "LEASE",
    termYears: 10,
    publishedAt: new Date(),
    ...over,
  };
}

async function listing(
  status = "PUBLISHED",
  over: Record<string, unknown> = {}
) {
  const { id } = await prisma.listing.create({
    data: row(status, over),
    select: { id: true },
  });
  // Read back: on SQLite the search key is set by a trigger after the insert (decision 020).
  return prisma.listing.findUniqueOrThrow({
    where: { id },
    select: { id: true, title: true, searchKey: true },
  });
}

const notes = (userId: string, kind: string) =>
  prisma.notification.findMany({
    where: { userId, kind },
    select: { params: true, link: true },
  });

describe("stars", () => {
  it("stars a published or traded listing once; a draft, withdrawn or unknown one is not found", async () => {
    const open = await listing();
    const traded = await listing("TRADED");
    expect(await fav.starListing(buyerA, open.id)).toEqual({ ok: true });
    expect(await fav.starListing(buyerA, open.id)).toEqual({ ok: true });
    expect(await fav.starListing(buyerA, traded.id)).toEqual({ ok: true });
    expect(await prisma.favourite.count({ where: { userId: buyerA } })).toBe(2);
    for (const status of ["DRAFT", "SUBMITTED", "WITHDRAWN", "REJECTED"]) {
      expect(await fav.starListing(buyerA, (await listing(status)).id)).toEqual(
        { ok: false, problem: "notFound" }
      );
    }
    expect(
      await fav.starListing(
        buyerA,
        (
          await listing("PUBLISHED", { origin: "OFFLINE" })
        ).id
      )
    ).toEqual({ ok: false, problem: "notFound" });
    expect(await fav.starListing(buyerA, "no-such-listing")).toEqual({
      ok: false,
      problem: "notFound",
    });
    expect(await fav.isStarred(buyerA, open.id)).toBe(true);
    expect(await fav.isStarred(buyerB, open.id)).toBe(false);
    await fav.unstarListing(buyerA, open.id);
    await fav.unstarListing(buyerA, open.id);
    expect(await fav.isStarred(buyerA, open.id)).toBe(false);
  });

  it("lists only the buyer’s own stars, with the status and price as they are now", async () => {
    const l = await listing();
    await fav.starListing(buyerB, l.id);
    await prisma.listing.update({
      where: { id: l.id },
      data: { status: "WITHDRAWN", price: 550 },
    });
    const mine = await fav.myFavourites(buyerB);
    expect(
      mine.map((f) => [f.listing.id, f.listing.status, f.listing.price])
    ).toEqual([[l.id, "WITHDRAWN", 550]]);
    expect(
      (await fav.myFavourites(buyerC)).map((f) => f.listing.id)
    ).not.toContain(l.id);
    // Unstarring someone else's star is a no-op on theirs.
    await fav.unstarListing(buyerC, l.id);
    expect(await fav.isStarred(buyerB, l.id)).toBe(true);
  });

  it(`refuses the ${
    MAX_FAVOURITES + 1
  }st star with 'limit', and allows one again after an unstar`, async () => {
    const many = await prisma.listing.createManyAndReturn({
      data: Array.from({ length: MAX_FAVOURITES }, () => row("PUBLISHED", {})),
      select: { id: true },
    });
    await prisma.favourite.createMany({
      data: many.map((l) => ({ userId: buyerC, listingId: l.id })),
    });
    const one = await listing();
    expect(await fav.starListing(buyerC, one.id)).toEqual({
      ok: false,
      problem: "limit",
    });
    // Starring one already starred is still fine at the limit.
    expect(await fav.starListing(buyerC, many[0]!.id)).toEqual({ ok: true });
    await fav.unstarListing(buyerC, many[0]!.id);
    expect(await fav.starListing(buyerC, one.id)).toEqual({ ok: true });
    expect(await prisma.favourite.count({ where: { userId: buyerC } })).toBe(
      MAX_FAVOURITES
    );
    await prisma.favourite.deleteMany({ where: { userId: buyerC } });
  }, 60_000);
});

describe("notifications to those who starred", () => {
  it("a price change tells each starrer the old and the new price, audited; nobody else hears", async () => {
    const l = await listing();
    await fav.starListing(buyerA, l.id);
    await fav.starListing(buyerB, l.id);
    expect(await wf.changeListingPrice(otherVillageUser, l.id, 500)).toEqual({
      ok: false,
      problem: "notFound",
    });
    expect(await wf.changeListingPrice(villageUser, l.id, 600)).toEqual({
      ok: false,
      problem: "samePrice",
    });
    expect(await wf.changeListingPrice(villageUser, l.id, 520)).toEqual({
      ok: true,
    });
    const row = await prisma.listing.findUniqueOrThrow({
      where: { id: l.id },
      select: { price: true, priceYuan: true },
    });
    expect(row).toEqual({ price: 520, priceYuan: 26_000 });
    for (const buyer of [buyerA, buyerB]) {
      const mine = (await notes(buyer, "favourite-price-changed")).filter(
        (x) => JSON.parse(x.params!).listingId === l.id
      );
      expect(mine.map((x) => JSON.parse(x.params!))).toEqual([
        {
          listingId: l.id,
          listing: l.title,
          oldPrice: 600,
          newPrice: 520,
          priceUnit: "YUAN_PER_MU_YEAR",
        },
      ]);
      expect(mine[0]!.link).toBe(`/listings/${l.id}`);
    }
    expect((await notes(buyerC, "favourite-price-changed")).length).toBe(0);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: l.id, action: "price-change" },
      select: { actorId: true, params: true },
    });
    expect(audit.actorId).toBe(villageUser.id);
    expect(JSON.parse(audit.params!)).toEqual({
      oldPrice: 600,
      newPrice: 520,
      priceUnit: "YUAN_PER_MU_YEAR",
    });
  });

  it("refuses a price change off publication or during a round, and writes nothing", async () => {
    const draft = await listing("DRAFT");
    expect(await wf.changeListingPrice(villageUser, draft.id, 500)).toEqual({
      ok: false,
      problem: "notPublished",
    });
    const l = await listing();
    await fav.starListing(buyerA, l.id);
    await bidding.openRound(villageUser, l.id, {
      startPrice: 500,
      increment: 10,
      deposit: 0,
      deadline: new Date(Date.now() + 86_400_000),
      extendMinutes: 5,
      minBidders: 1,
    });
    const before = await prisma.notification.count();
    expect(await wf.changeListingPrice(villageUser, l.id, 450)).toEqual({
      ok: false,
      problem: "roundOpen",
    });
    expect(await prisma.notification.count()).toBe(before);
    expect(
      (await prisma.listing.findUniqueOrThrow({ where: { id: l.id } })).price
    ).toBe(600);
  });

  it("a round opening, a withdrawal and a trade each tell the starrers", async () => {
    const toBid = await listing();
    const toWithdraw = await listing();
    const toTrade = await listing();
    for (const l of [toBid, toWithdraw, toTrade])
      await fav.starListing(buyerA, l.id);
    await fav.starListing(buyerB, toTrade.id);

    const deadline = new Date(Date.now() + 3 * 86_400_000);
    expect(
      (
        await bidding.openRound(villageUser, toBid.id, {
          startPrice: 500,
          increment: 10,
          deposit: 0,
          deadline,
          extendMinutes: 5,
          minBidders: 1,
        })
      ).ok
    ).toBe(true);
    const bid = (await notes(buyerA, "favourite-bidding"))
      .map((x) => ({ ...JSON.parse(x.params!), link: x.link }))
      .filter((x) => x.listingId === toBid.id);
    expect(bid).toEqual([
      {
        listingId: toBid.id,
        listing: toBid.title,
        deadline: deadline.toISOString(),
        link: `/listings/${toBid.id}/bid`,
      },
    ]);

    expect(
      await wf.withdrawListing(villageUser, toWithdraw.id, "村里另有安排")
    ).toBe(true);
    const gone = (await notes(buyerA, "favourite-withdrawn")).map((x) =>
      JSON.parse(x.params!)
    );
    expect(gone).toContainEqual({
      listingId: toWithdraw.id,
      listing: toWithdraw.title,
    });

    // A deal waiting for the centre's certificate, bought by buyer B (who also starred it).
    const d = await prisma.deal.create({
      data: {
        listingId: toTrade.id,
        buyerId: buyerB,
        price: 600,
        priceUnit: "YUAN_PER_MU_YEAR",
        totalValueYuan: 300_000,
        area: 50,
        areaUnit: "mu",
        termYears: 10,
        transferMode: "LEASE",
        tradingMode: "NEGOTIATED",
        contractDate: new Date(),
        contractFile: "c-test.pdf",
        status: "AWAITING_CERTIFICATION",
      },
    });
    const certified = await deal.certifyDeal(admin, d.id, null);
    expect(certified.ok).toBe(true);
    expect(
      (await notes(buyerA, "favourite-traded")).map((x) =>
        JSON.parse(x.params!)
      )
    ).toContainEqual({ listingId: toTrade.id, listing: toTrade.title });
    // The buyer hears of the certificate itself, not twice.
    expect(
      (await notes(buyerB, "favourite-traded")).map(
        (x) => JSON.parse(x.params!).listingId
      )
    ).not.toContain(toTrade.id);
    expect((await notes(buyerB, "deal-completed")).length).toBe(1);
  });

  it("a listing whose period runs out tells its starrers when the sweep expires it", async () => {
    const { expireListings } = await import("~/models/sweep.server.ts");
    const due = await listing("PUBLISHED", {
      expiresAt: new Date(Date.now() - 60_000),
    });
    const running = await listing("PUBLISHED", {
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    for (const l of [due, running])
      expect((await fav.starListing(buyerC, l.id)).ok).toBe(true);
    expect(await expireListings(new Date())).toBeGreaterThanOrEqual(1);
    const expired = (await notes(buyerC, "favourite-expired")).map((x) => ({
      ...JSON.parse(x.params!),
      link: x.link,
    }));
    expect(expired).toEqual([
      { listingId: due.id, listing: due.title, link: "/me/favourites" },
    ]);
  });
});

describe("short links and the compare table", () => {
  it("a code names its public listing only", async () => {
    const l = await listing();
    expect(l.searchKey).toBeGreaterThan(0);
    expect(await share.listingIdForCode(shortCode(l.searchKey!))).toBe(l.id);
    const hidden = await listing("DRAFT");
    expect(
      await share.listingIdForCode(shortCode(hidden.searchKey!))
    ).toBeNull();
    expect(await share.listingIdForCode("zzzzzz")).toBeNull();
    expect(await share.listingIdForCode("../etc")).toBeNull();
  });

  it("compares public listings in the order asked, with the distance to the town seat; others are dropped", async () => {
    const a = await listing("PUBLISHED", { lat: 40.4, lng: 110 });
    const b = await listing("TRADED", { lat: 40.5, lng: 110 });
    const hidden = await listing("WITHDRAWN");
    const { listings, dropped } = await share.compareListings([
      b.id,
      hidden.id,
      a.id,
      "no-such-id",
    ]);
    expect(listings.map((l) => l.id)).toEqual([b.id, a.id]);
    expect(dropped).toBe(2);
    expect(listings[1]!.distanceKm).toBeCloseTo(0, 5);
    expect(listings[0]!.distanceKm).toBeCloseTo(11.1, 1);
    expect(listings[0]!.parcels).toEqual([]);
  });
});
