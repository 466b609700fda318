import { MockedProvider } from "@apollo/client/testing/react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { ImportDeals } from "./ImportDeals";
import type { ImportReport, Upload, UploadOutcome, UploadProgress } from "./importDeals";
import { headerOf, importQuery, outcomeOf, readText } from "./importDeals";

/** An upload the test answers by hand: what was sent, a way to report progress, and the answer. */
function manualUpload() {
  const calls: { query: string; text: Promise<string>; progress: (p: UploadProgress) => void; answer: (o: UploadOutcome) => void }[] = [];
  const upload: Upload = (file, query, onProgress) =>
    new Promise((resolve) => calls.push({ query, text: readText(file), progress: onProgress, answer: resolve }));
  return { upload, calls };
}

const report = (over: Partial<ImportReport>): ImportReport => ({
  dryRun: true,
  created: 0,
  errors: [],
  accounts: { created: 0, reused: 0 },
  notices: [],
  ...over,
});

function renderImport(upload: Upload) {
  render(
    <MockedProvider mocks={[]} cache={createCache()}>
      <ImportDeals onClose={() => undefined} upload={upload} />
    </MockedProvider>,
  );
}

async function chooseFile(text: string) {
  const input = screen.getByLabelText("CSV file");
  fireEvent.change(input, { target: { files: [new File([text], "deals.csv", { type: "text/csv" })] } });
  // The header is read from the file (asynchronously): then the columns, or why not, show.
  await waitFor(() =>
    expect(screen.queryByRole("group", { name: "Which column holds each field" }) ?? screen.queryByRole("alert")).not.toBeNull(),
  );
}

const CRM_EXPORT = "Deal Name,Company,Website,Value,Currency Code,Notes\r\nFlyers,Initech,initech.example,100.00,USD,x\r\n";

describe("importing deals from a CSV file", () => {
  it("guesses each field's column from the header, lets it be changed, and checks before importing", async () => {
    const { upload, calls } = manualUpload();
    renderImport(upload);
    await chooseFile(CRM_EXPORT);

    const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
    expect(select("Deal title").value).toBe("Deal Name");
    expect(select("Account name").value).toBe("Company");
    expect(select("Account domain (optional)").value).toBe("Website");
    expect(select("Amount").value).toBe("Value");
    expect(select("Currency").value).toBe("Currency Code");
    expect(select("Close date (optional)").value).toBe("");
    // Every column of the file can be chosen.
    expect([...select("Deal title").options].map((o) => o.value)).toEqual([
      "",
      "Deal Name",
      "Company",
      "Website",
      "Value",
      "Currency Code",
      "Notes",
    ]);

    fireEvent.change(select("Deal title"), { target: { value: "Notes" } });
    fireEvent.click(screen.getByRole("button", { name: "Check" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    const sent = new URLSearchParams(calls[0]!.query);
    expect(sent.get("dryRun")).toBe("1");
    expect(sent.get("map.title")).toBe("Notes");
    expect(sent.get("map.closeDate")).toBe("");
    expect(await calls[0]!.text).toBe(CRM_EXPORT);

    await act(async () =>
      calls[0]!.answer({
        report: report({ created: 0, errors: [{ row: 2, message: "Notes: must be 1 to 200 characters" }] }),
      }),
    );
    expect(screen.getByRole("alert").textContent).toMatch(/1 row cannot be imported/);
    const table = screen.getByRole("table", { name: "Rows that cannot be imported" });
    expect(
      within(table)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual(["LineWhat is wrong", "2Notes: must be 1 to 200 characters"]);
  });

  it("shows the upload's progress, then what was imported", async () => {
    const { upload, calls } = manualUpload();
    renderImport(upload);
    await chooseFile(CRM_EXPORT);
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(new URLSearchParams(calls[0]!.query).has("dryRun")).toBe(false);
    expect((screen.getByRole("button", { name: "Import" }) as HTMLButtonElement).disabled).toBe(true);

    act(() => calls[0]!.progress({ sent: 0.45 }));
    expect(screen.getByRole("status").textContent).toBe("Uploading deals.csv: 45%");
    act(() => calls[0]!.progress({ sent: 1 }));
    expect(screen.getByRole("status").textContent).toBe("Importing…");

    await act(async () => calls[0]!.answer({ report: report({ dryRun: false, created: 1, accounts: { created: 1, reused: 0 } }) }));
    expect(screen.getByRole("status").textContent).toBe(
      "Imported 1 deal: 1 new account, 0 existing accounts used. They are on the board now.",
    );
  });

  it("says so when a required field has no column, or the file has no header", async () => {
    const { upload, calls } = manualUpload();
    renderImport(upload);
    await chooseFile("Opp,Cur\r\nA,USD\r\n");
    fireEvent.click(screen.getByRole("button", { name: "Check" }));
    expect(screen.getByRole("alert").textContent).toBe("Choose the column for deal title, account name, amount, currency.");
    expect(calls).toHaveLength(0);

    fireEvent.change(screen.getByLabelText("CSV file"), { target: { files: [new File([""], "empty.csv")] } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/no header row/);
  });
});

describe("the import's plumbing", () => {
  it("reads the header as the server does: quoted names, a byte-order mark, CRLF", () => {
    expect(headerOf('\uFEFF"Deal, name",Amount\r\nx,1\r\n')).toEqual(["Deal, name", "Amount"]);
  });

  it("sends every field's column, an empty one to leave it out", () => {
    const query = importQuery(
      { title: "T", accountName: "A", accountDomain: "", amount: "M", currency: "C", stage: "", closeDate: "", ownerEmail: "" },
      true,
    );
    expect(query).toBe(
      "?map.title=T&map.accountName=A&map.accountDomain=&map.amount=M&map.currency=C&map.stage=&map.closeDate=&map.ownerEmail=&dryRun=1",
    );
  });

  it("turns the server's refusals into words", () => {
    expect(outcomeOf(413, "")).toEqual({ failure: "The file is too large for one import. Split it into smaller files." });
    expect(outcomeOf(403, JSON.stringify({ errors: [{ message: "Only people of a vendor import deals" }] }))).toEqual({
      failure: "The file was not imported: Only people of a vendor import deals.",
    });
    expect(outcomeOf(422, JSON.stringify(report({ errors: [{ row: 3, message: "x" }] })))).toMatchObject({
      report: { errors: [{ row: 3 }] },
    });
  });
});
