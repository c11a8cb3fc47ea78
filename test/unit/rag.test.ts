import {
  DEFAULT_KEY,
  keyFromRows,
  normaliseStatus,
  ragCheck,
  ragCount,
  ragStatus,
  rollUp,
  statusCharactersNormalised,
  statusIndices,
} from "../../src/core";
import { ragCheck as ragCheckRange, ragCount as ragCountRange } from "../../src/functions/implementations";

const threePoint = keyFromRows([
  ["Green", "Action on target and key milestones met"],
  ["Amber", "Potential risk of delay or missing target"],
  ["Red", "Off target, milestones not met"],
]);

const roll = (statuses: string[], method: "worst" | "average" = "worst", key = DEFAULT_KEY) =>
  rollUp(statusIndices([statuses], key), key, method);

describe("normalising status text", () => {
  it("ignores case, spacing, hyphens and punctuation", () => {
    expect(normaliseStatus("  On-Track. ")).toBe("on track");
    expect(normaliseStatus("Requires  Escalation!")).toBe("requires escalation");
  });

  it("reads & and 'and' alike", () => {
    expect(normaliseStatus("Complete & closed")).toBe(normaliseStatus("complete and closed"));
  });

  it.each([
    ["Green\u00a0", "green"],
    ["On\u00a0track", "on track"],
    ["On\u202ftrack", "on track"],
    ["On\u2009track", "on track"],
    ["Amber\u2013Green", "amber green"],
    ["Amber\u2014Green", "amber green"],
    ["Amber \u2191", "amber"],
    ["\u2193 Red", "red"],
    ["\u2022 Green", "green"],
    ["\u201cGreen\u201d", "green"],
  ])("treats the separators pasted text brings (%j) as spaces", (text, expected) => {
    expect(normaliseStatus(text)).toBe(expected);
  });

  it("keeps letters of other scripts as word characters, lower-cased", () => {
    expect(normaliseStatus("Caf\u00c9 Cr\u00e8me")).toBe("caf\u00e9 cr\u00e8me");
  });

  it("still joins words at a curly apostrophe", () => {
    expect(normaliseStatus("Don\u2019t know")).toBe("dont know");
  });
});

describe("the built-in five-point key", () => {
  it.each([
    ["On track", "Green"],
    ["on-track", "Green"],
    ["ONTRACK", "Green"],
    ["Requires Escalation", "Red"],
    ["Not Started", "Grey"],
    ["Complete", "Blue"],
    ["Completed", "Blue"],
    ["Delayed", "Amber"],
    ["gray", "Grey"],
    ["amber", "Amber"],
    ["On hold", "Grey"],
  ])("reads %j as %s", (text, status) => {
    expect(ragStatus(text)).toBe(status);
  });

  it.each([
    ["Not yet due", "Grey"],
    ["A/R", "Red"],
    ["R/A", "Red"],
    ["G/A", "Amber"],
    ["A/G", "Amber"],
    ["Amber\u2013Green", "Amber"],
    ["Green\u00a0", "Green"],
    ["On\u00a0track", "Green"],
    ["Amber \u2191", "Amber"],
  ])("reads the abbreviation or pasted form %j as %s", (text, status) => {
    expect(ragStatus(text)).toBe(status);
  });

  it.each([
    ["Complete (Blue)", "Blue"],
    ["Blue/Complete", "Blue"],
    ["Blue - completed", "Blue"],
    ["Green (on track)", "Green"],
    ["Red: requires escalation", "Red"],
    ["Grey \u2013 not started", "Grey"],
  ])("reads a colour written with its own meaning, %j, as %s", (text, status) => {
    expect(ragStatus(text)).toBe(status);
  });

  it.each(["Green - complete", "Red/Amber/Green", "Amber (awaiting funding)", "Blue (on track)"])(
    "leaves a colour whose words mean something else, %j, outside the key",
    (text) => {
      expect(() => ragStatus(text)).toThrow(/is not in the RAG key/);
    },
  );

  it("says a status outside the key is #N/A, quoting it and listing the key", () => {
    expect(() => ragStatus("TBC")).toThrow("“TBC” is not in the RAG key (Blue, Green, Amber, Red, Grey).");
  });

  it("gives a blank for a blank", () => {
    expect(ragStatus("")).toBe("");
  });
});

describe("a council's own key on the sheet", () => {
  it("maps synonyms of the key's colours", () => {
    expect(ragStatus("On track", threePoint)).toBe("Green");
  });

  it("maps the key's descriptions", () => {
    expect(ragStatus("off target, milestones not met", threePoint)).toBe("Red");
  });

  it("treats a colour the key does not list as outside it", () => {
    expect(() => ragStatus("Grey", threePoint)).toThrow(/not in the RAG key \(Green, Amber, Red\)/);
    expect(() => ragStatus("Complete", threePoint)).toThrow(/not in the RAG key/);
  });

  it("reads synonyms from further columns and skips a header row", () => {
    const key = keyFromRows([
      ["Status", "Meaning", "Also"],
      ["Purple", "Paused by the board", "parked; frozen"],
      ["Green", "Fine", ""],
    ]);
    expect(ragStatus("Parked", key)).toBe("Purple");
    expect(ragStatus("frozen", key)).toBe("Purple");
    expect(ragStatus("paused by the board", key)).toBe("Purple");
  });

  it("refuses a key that gives one word to two statuses", () => {
    expect(() => keyFromRows([["Green", "late"], ["Red", "late"]])).toThrow(/both Green and Red/);
  });

  it("reads a colour with the key's own description, but not a colour the key does not list", () => {
    expect(ragStatus("Red (off target, milestones not met)", threePoint)).toBe("Red");
    expect(ragStatus("Green (on track)", threePoint)).toBe("Green");
    expect(() => ragStatus("Complete (Blue)", threePoint)).toThrow(/not in the RAG key/);
  });

  it("lets a council's own word override a built-in synonym", () => {
    const key = keyFromRows([["Green"], ["Amber", "on track but slipping", "delayed"], ["Red", "delayed badly", "on track"]]);
    expect(ragStatus("on track", key)).toBe("Red");
  });

  it("refuses an empty key range", () => {
    expect(() => keyFromRows([[""], [null]])).toThrow(/no statuses/);
  });
});

describe("rolling statuses up", () => {
  it("takes the worst by default", () => {
    expect(roll(["Green", "Amber", "Red"])).toBe("Red");
    expect(roll(["Green", "Delayed", "Blue"])).toBe("Amber");
  });

  it("counts Grey only when every status is Grey", () => {
    expect(roll(["Grey", "Green"])).toBe("Green");
    expect(roll(["Not started", "on hold"])).toBe("Grey");
  });

  it("gives Blue when everything is complete", () => {
    expect(roll(["Complete", "Blue", "Grey"])).toBe("Blue");
    expect(roll(["Complete", "Green"])).toBe("Green");
  });

  it("leaves blanks out and gives a blank when all are blank", () => {
    expect(roll(["", "Amber", ""])).toBe("Amber");
    expect(roll(["", ""])).toBe("");
  });

  it("averages with ties going to the worse status", () => {
    expect(roll(["Green", "Red"], "average")).toBe("Amber");
    expect(roll(["Green", "Amber"], "average")).toBe("Amber");
    expect(roll(["Green", "Green", "Amber"], "average")).toBe("Green");
    expect(roll(["Blue", "Blue", "Red"], "average")).toBe("Amber");
    expect(roll(["Red", "Red", "Amber"], "average")).toBe("Red");
  });

  it("rolls up with a council's key", () => {
    expect(roll(["On track", "Amber"], "worst", threePoint)).toBe("Amber");
  });

  it("names statuses outside the key instead of guessing", () => {
    expect(() => statusIndices([["Green"], ["TBC"]], DEFAULT_KEY)).toThrow(/“TBC” \(row 2\)/);
  });
});

describe("checking and counting statuses", () => {
  const column = [["On track"], ["TBC"], ["Awaiting funding"], [""], ["Red"]];

  it("says how many statuses are outside the key, which and where", () => {
    expect(ragCheck(column, DEFAULT_KEY, true)).toBe(
      "2 statuses are outside the key (Blue, Green, Amber, Red, Grey): “TBC” (row 2), “Awaiting funding” (row 3).",
    );
  });

  it("reports blanks unless they are allowed", () => {
    expect(ragCheck(column)).toMatch(/1 is blank: row 4\.$/);
  });

  it("gives TRUE when every status is in the key", () => {
    expect(ragCheck([["Green", "Complete", "on-track"]])).toBe(true);
  });

  it("counts statuses by meaning", () => {
    expect(ragCount([["On track"], ["green"], ["G"], ["Amber"], ["TBC"]], "Green")).toBe(3);
    expect(ragCount([["On track"]], "on-track")).toBe(1);
  });

  it("says when the status to count is not in the key", () => {
    expect(() => ragCount([["Green"]], "Purple")).toThrow(/“Purple” is not in the RAG key/);
  });
});

describe("a key meeting many cells", () => {
  // A key cell Excel allows (30,000 characters) and statuses naming a colour the key lacks: each
  // such status once re-read every name of the key, freezing the shared runtime for a minute.
  const longKey = [["Green"], ["Amber"], ["Red"], ["x".repeat(30_000)]];
  const statuses = Array.from({ length: 5_000 }, (_, i) => [`Blue ${i}`]);

  it("reads its own names once per call, not once per cell", () => {
    const before = statusCharactersNormalised();
    const verdict = ragCheckRange(statuses, longKey);
    const work = statusCharactersNormalised() - before;
    expect(verdict).toMatch(/^5,000 statuses are outside the key/);
    // The key's long name is read a few times when the key is built; 5,000 cells of a few
    // characters each add about 50,000. Once per cell it was 150 million.
    expect(work).toBeLessThan(400_000);
  });

  it("still reads a colour written with its meaning against a key of long names", () => {
    const before = statusCharactersNormalised();
    expect(ragCountRange([["Green (on track)"], ["Green/on track"], ["Amber"]], "Green", longKey)).toBe(2);
    expect(statusCharactersNormalised() - before).toBeLessThan(400_000);
  });
});
