import { matchNames, nameWords } from "../../src/core/table";

describe("matching an initiative's names across a plan's sections", () => {
  it("reads a name as its words, each in one form, without joining words", () => {
    expect(nameWords("Review of Independent Placements")).toEqual(["review", "independent", "placement"]);
    expect(nameWords("Speech & language in schools")).toEqual(["speech", "language", "school"]);
    expect(nameWords("Post-16 pathways")).toEqual(["post", "16", "pathway"]);
    expect(nameWords("Early help for families")).toEqual(["early", "help", "family"]);
  });

  it("pairs the same name, then the same words in another order, then close names, each once", () => {
    const summary = ["Speech & language in schools", "Independent placement review", "Post-16 pathways", "Alternative provision commissioning", "SEMH free school"];
    const detail = ["Speech and language in schools", "Review of independent placements", "Post 16 pathways", "Inclusion quality mark", "New SEMH free school"];
    expect(matchNames(summary, detail).map((m) => [summary[m.from], detail[m.to], m.how])).toEqual([
      ["Speech & language in schools", "Speech and language in schools", "same"],
      ["Independent placement review", "Review of independent placements", "same words"],
      ["Post-16 pathways", "Post 16 pathways", "same"],
      ["SEMH free school", "New SEMH free school", "close"],
    ]);
  });

  it("does not pair names that share only a word or two", () => {
    expect(matchNames(["Autism outreach"], ["Autism training for schools"])).toEqual([]);
  });

  it("gives a name to its best match when two compete", () => {
    const m = matchNames(["Transport review"], ["Transport", "Transport review"]);
    expect(m).toEqual([{ from: 0, to: 1, how: "same", score: 1 }]);
  });

  it("spells out an acronym as the other name writes it, and says it did", () => {
    const summary = ["SEND AP project", "EHCP quality audit", "ISS review"];
    const detail = ["SEND Alternative Provision Project", "Education, Health and Care Plan quality audits", "Independent specialist schools review"];
    expect(matchNames(summary, detail).map((m) => [summary[m.from], detail[m.to], m.how])).toEqual([
      ["SEND AP project", "SEND Alternative Provision Project", "acronym"],
      ["EHCP quality audit", "Education, Health and Care Plan quality audits", "acronym"],
      ["ISS review", "Independent specialist schools review", "acronym"],
    ]);
  });

  it("does not take a word's initials for an acronym it does not spell", () => {
    expect(matchNames(["SEND AP project"], ["SEND Autism Project"])).toEqual([]);
  });
});
