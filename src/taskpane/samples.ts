import actionPlan from "../../test/fixtures/samples/action-plan-messy.tsv?raw";
import dsgBudgetBroken from "../../test/fixtures/samples/dsg-budget-broken.tsv?raw";
import dsgBudget from "../../test/fixtures/samples/dsg-budget.tsv?raw";
import savingsPlan from "../../test/fixtures/samples/savings-plan-messy.tsv?raw";

/** The shared samples (test/fixtures/samples), bundled as text for the browser preview. */
export const SAMPLE_TEXTS: readonly { name: string; text: string }[] = [
  { name: "action-plan-messy", text: actionPlan },
  { name: "savings-plan-messy", text: savingsPlan },
  { name: "dsg-budget", text: dsgBudget },
  { name: "dsg-budget-broken", text: dsgBudgetBroken },
];
