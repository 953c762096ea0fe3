import { describe, expect, it } from "vitest";
import {
  checkLedgerRow,
  LEDGER_COLUMNS,
  matchPlace,
  normalisePlaceName,
  readDay,
  rowContent,
  type CellValue,
  type LedgerColumnKey,
  type Place,
  unknownParcelCodes,
} from "./ledger-row.ts";

const good: Partial<Record<LedgerColumnKey, CellValue>> = {
  seq: 1,
  town: "树林召镇",
  village: "新胜村",
  subject: "耕地",
  title: "新胜村二社水浇地",
  area: 120.5,
  areaUnit: "亩",
  transferMode: "出租",
  transferee: "达拉特旗丰源农业专业合作社",
  price: "550",
  priceUnit: "元/亩·年",
  termYears: 5,
  startsOn: new Date(Date.UTC(2023, 2, 1)),
  endsOn: "2028-02-29",
  contractDate: "2023/2/20",
  contractCode: "LZ-2023-001",
};
const TODAY = "2026-11-30";

describe("checkLedgerRow", () => {
  it("brings a good row to the app codes", () => {
    const r = checkLedgerRow(5, good, TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      row: 5,
      type: "LAND",
      landClass: "CROPLAND",
      areaUnit: "mu",
      transferMode: "LEASE",
      priceUnit: "YUAN_PER_MU_YEAR",
      price: 550,
      startsOn: "2023-03-01",
      endsOn: "2028-02-29",
      contractDate: "2023-02-20",
      totalYuan: null,
      parcelCodes: [],
    });
  });
  it("reports each problem with its row and column", () => {
    const r = checkLedgerRow(
      9,
      {
        ...good,
        village: " ",
        area: -3,
        termYears: 2.5,
        endsOn: "2022-01-01",
        contractDate: "2027-01-01",
        priceUnit: "元/月",
      },
      TODAY
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { row: 9, column: "village", problem: "required" },
        { row: 9, column: "area", problem: "notPositive" },
        { row: 9, column: "termYears", problem: "notInteger" },
        { row: 9, column: "endsOn", problem: "endBeforeStart" },
        { row: 9, column: "contractDate", problem: "signedInFuture" },
        { row: 9, column: "priceUnit", problem: "badChoice" },
      ])
    );
  });
  it("refuses a mode the type does not allow, and a per-mu price for a building", () => {
    const r = checkLedgerRow(
      3,
      {
        ...good,
        subject: "农家院子",
        transferMode: "转让",
        areaUnit: "平方米",
      },
      TODAY
    );
    expect(r.ok ? [] : r.errors.map((e) => e.problem)).toEqual([
      "modeNotAllowed",
      "priceUnitNotAllowed",
    ]);
  });
  it("refuses impossible dates, huge numbers, bad codes and parcel codes", () => {
    const r = checkLedgerRow(
      4,
      {
        ...good,
        startsOn: "2023-02-30",
        price: 5e12,
        contractCode: "合同一",
        parcelCodes: "1234",
      },
      TODAY
    );
    expect(
      r.ok ? [] : r.errors.map((e) => `${e.column}:${e.problem}`).sort()
    ).toEqual([
      "contractCode:badCode",
      "parcelCodes:badParcelCode",
      "price:tooLarge",
      "startsOn:notDate",
    ]);
  });
  it("reads several DKBM codes separated by ; or ；", () => {
    const r = checkLedgerRow(
      2,
      { ...good, parcelCodes: "1506211012010100001；1506211012010100002" },
      TODAY
    );
    expect(r.ok && r.value.parcelCodes).toEqual([
      "1506211012010100001",
      "1506211012010100002",
    ]);
  });
  it("hashes the same content the same whatever its row or spelling", () => {
    const a = checkLedgerRow(
      2,
      { ...good, contractCode: null, price: "1,000" },
      TODAY
    );
    const b = checkLedgerRow(
      40,
      { ...good, contractCode: null, price: 1000, contractDate: "2023-02-20" },
      TODAY
    );
    const c = checkLedgerRow(
      2,
      { ...good, contractCode: null, price: 1001 },
      TODAY
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error("rows should pass");
    expect(rowContent(a.value)).toBe(rowContent(b.value));
    expect(rowContent(a.value)).not.toBe(rowContent(c.value));
  });
  it("every required template column is checked as required", () => {
    for (const column of LEDGER_COLUMNS.filter((c) => c.required)) {
      const r = checkLedgerRow(1, { ...good, [column.key]: null }, TODAY);
      expect(r.ok ? [] : r.errors, column.header).toContainEqual({
        row: 1,
        column: column.key,
        problem: "required",
      });
    }
  });
});

describe("readDay", () => {
  it("reads Excel dates and text dates, and refuses others", () => {
    expect(readDay(new Date(Date.UTC(2024, 1, 29)))).toBe("2024-02-29");
    expect(readDay("2024年3月1日")).toBe("2024-03-01");
    expect(readDay("2023-02-29")).toBeNull();
    expect(readDay("next spring")).toBeNull();
    expect(readDay(45000)).toBeNull();
  });
});

describe("place names", () => {
  const places: Place[] = [
    { id: "v1", name: "新胜村", townId: "t1", townName: "树林召镇" },
    { id: "v2", name: "柳林村", townId: "t1", townName: "树林召镇" },
    { id: "v3", name: "赛乌素村", townId: "t2", townName: "展旦召苏木" },
    { id: "v4", name: "阿什泉嘎查", townId: "t2", townName: "展旦召苏木" },
    { id: "v5", name: "新胜村", townId: "t3", townName: "王爱召镇" },
  ];
  it("normalises endings, width and spaces", () => {
    expect(normalisePlaceName(" 展旦召 苏木")).toBe("展旦召");
    expect(normalisePlaceName("阿什泉嘎查村")).toBe("阿什泉");
    expect(normalisePlaceName("ＡＢ村")).toBe("AB");
    expect(normalisePlaceName("村")).toBe("村");
  });
  it("matches exactly, then loosely, within the town", () => {
    expect(matchPlace("树林召镇", "新胜村", places)).toEqual({
      kind: "exact",
      villageId: "v1",
    });
    expect(matchPlace("王爱召", "新胜", places)).toEqual({
      kind: "normalised",
      villageId: "v5",
    });
    expect(matchPlace("展旦召苏木", "阿什泉嘎查村", places)).toEqual({
      kind: "normalised",
      villageId: "v4",
    });
  });
  it("offers the town villages when the village is unknown, every village when the town is", () => {
    expect(matchPlace("树林召镇", "东风村", places)).toEqual({
      kind: "none",
      candidates: ["v1", "v2"],
    });
    expect(matchPlace("不存在镇", "新胜村", places)).toEqual({
      kind: "none",
      candidates: ["v1", "v2", "v3", "v4", "v5"],
    });
  });
  it("calls two loose candidates ambiguous", () => {
    const twins: Place[] = [
      ...places,
      { id: "v6", name: "新胜嘎查", townId: "t1", townName: "树林召镇" },
    ];
    expect(matchPlace("树林召镇", "新胜", twins)).toMatchObject({
      kind: "ambiguous",
    });
  });
});

describe("unknownParcelCodes", () => {
  it("warns of each row naming codes not held, once per code, in row order", () => {
    const known = new Set(["1506211002010100001"]);
    const rows = [
      { row: 9, parcelCodes: ["1506211002010100009", "1506211002010100009"] },
      { row: 3, parcelCodes: ["1506211002010100001", "1506211002010100002"] },
      { row: 4, parcelCodes: ["1506211002010100001"] },
      { row: 5, parcelCodes: [] },
    ];
    expect(unknownParcelCodes(rows, known)).toEqual([
      { row: 3, codes: ["1506211002010100002"] },
      { row: 9, codes: ["1506211002010100009"] },
    ]);
  });
});
