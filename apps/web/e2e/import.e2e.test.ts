import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { LIVE_MS, browserWorld } from "./harness";

/**
 * A team moving from another CRM, in Chromium: Ana uploads its export, the check finds one bad row,
 * she mends it and imports; the deals are on her board and on Max's open board at once, and "Export
 * CSV" downloads the board as she has filtered it.
 */

const world = browserWorld("import");

const crmExport = (amount: string): Buffer =>
  Buffer.from(
    "Deal Name,Company,Website,Value,Currency\r\n" +
      "Imported flyers,Umbrella Corp,umbrella.example,1200.00,USD\r\n" +
      `Imported posters,Umbrella Corp,https://www.umbrella.example/,${amount},USD\r\n` +
      '"Imported banners, large",Soylent,soylent.example,300.00,EUR\r\n',
  );

describe("importing and exporting deals", () => {
  it("checks a CRM export, reports the bad row, imports the mended file onto the board, and exports the board as filtered", async () => {
    // Max watches the board while Ana imports.
    const max = await world.signIn("max@acme.test");
    const ana = await world.signIn("ana@acme.test");
    await ana.getByRole("button", { name: "Import CSV" }).click();
    const panel = ana.getByRole("region", { name: "Import deals from CSV" });
    const file = panel.getByLabel("CSV file");

    await file.setInputFiles({ name: "crm.csv", mimeType: "text/csv", buffer: crmExport(`"12,50"`) });
    // The columns are guessed from the header.
    await expect.poll(() => panel.getByLabel("Deal title").inputValue()).toBe("Deal Name");
    expect(await panel.getByLabel("Account domain (optional)").inputValue()).toBe("Website");
    await panel.getByRole("button", { name: "Check" }).click();
    await panel.getByText("1 row cannot be imported").waitFor();
    const bad = panel.getByRole("table", { name: "Rows that cannot be imported" }).getByRole("row").nth(1);
    expect(await bad.textContent()).toBe('3Value: must be a non-negative decimal such as "12500.00"');

    await file.setInputFiles({ name: "crm.csv", mimeType: "text/csv", buffer: crmExport("450.00") });
    await expect.poll(() => panel.getByLabel("Amount").inputValue()).toBe("Value");
    await panel.getByRole("button", { name: "Check" }).click();
    // The demo world has Acme's account Umbrella Foods: found by its domain, and said so.
    await panel.getByText("All rows are fine: 3 deals would be created, with 1 new account and 1 existing account.").waitFor();
    await panel
      .getByText('Line 2: umbrella.example is the account "Umbrella Foods"; the deal goes there, not to a new "Umbrella Corp"')
      .waitFor();
    await panel.getByRole("button", { name: "Import" }).click();
    await panel.getByText("Imported 3 deals: 1 new account, 1 existing account used. They are on the board now.").waitFor();
    const prospecting = ana.getByRole("region", { name: "Prospecting" });
    for (const title of ["Imported flyers", "Imported posters", "Imported banners, large"]) {
      await prospecting.getByText(title, { exact: true }).waitFor();
    }

    // Max's open board reads the list again on the import's one board change.
    for (const title of ["Imported flyers", "Imported posters", "Imported banners, large"]) {
      await max.getByRole("region", { name: "Prospecting" }).getByText(title, { exact: true }).waitFor({ timeout: LIVE_MS });
    }

    await ana.getByLabel("Search deals by title").fill("Imported");
    await ana.getByLabel("Search deals by title").press("Enter");
    await expect
      .poll(() => ana.getByRole("link", { name: "Export CSV" }).getAttribute("href"))
      .toBe("/export/opportunities.csv?q=Imported");
    const [download] = await Promise.all([ana.waitForEvent("download"), ana.getByRole("link", { name: "Export CSV" }).click()]);
    const text = await readFile((await download.path())!, "utf8");
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([
      "title",
      "accountName",
      "accountDomain",
      "amount",
      "currency",
      "stage",
      "closeDate",
      "ownerEmail",
      "ownerName",
      "organization",
      "id",
      "updatedAt",
    ]);
    expect(rows.map((row) => `${row[0]} @ ${row[1]}`).sort()).toEqual([
      "Imported banners, large @ Soylent",
      "Imported flyers @ Umbrella Foods",
      "Imported posters @ Umbrella Foods",
    ]);
    expect(text).toContain(
      '"Imported banners, large",Soylent,soylent.example,300.00,EUR,PROSPECTING,,ana@acme.test,Ana Alvarez,Acme Print',
    );
  });

  it("offers no import to a partner firm, whose export holds only the deals shared with it", async () => {
    const lee = await world.signIn("lee@pixel.test");
    await lee.getByRole("link", { name: "Export CSV" }).waitFor();
    expect(await lee.getByRole("button", { name: "Import CSV" }).count()).toBe(0);
    const [download] = await Promise.all([lee.waitForEvent("download"), lee.getByRole("link", { name: "Export CSV" }).click()]);
    const titles = (parse(await readFile((await download.path())!, "utf8"), { columns: true }) as { title: string }[]).map((r) => r.title);
    // The demo deals Pixel works on, and none of Acme's others (the imported ones among them).
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.filter((title) => title.startsWith("Imported"))).toEqual([]);
  });
});
