import actionPlan from "../../test/fixtures/samples/action-plan-messy.tsv?raw";
import dsgBudgetBroken from "../../test/fixtures/samples/dsg-budget-broken.tsv?raw";
import dsgBudget from "../../test/fixtures/samples/dsg-budget.tsv?raw";
import savingsPlan from "../../test/fixtures/samples/savings-plan-messy.tsv?raw";
import budgetMonitoring from "../../test/fixtures/samples/hnb-budget-monitoring.tsv?raw";
import outturnByBlock from "../../test/fixtures/samples/dsg-outturn-by-block.tsv?raw";
import balanceScenarios from "../../test/fixtures/samples/dsg-balance-scenarios.tsv?raw";
import scorecard from "../../test/fixtures/samples/strategy-scorecard.tsv?raw";
import movement from "../../test/fixtures/preview/dsg-movement.tsv?raw";
import ehcpNumbers from "../../test/fixtures/preview/ehcp-numbers.tsv?raw";

/**
 * The shared samples (test/fixtures/samples) and two made-up tables of the kinds they lack
 * (test/fixtures/preview), bundled as text for the browser preview: a table of every kind the
 * add-in reads, so that Home, Check and Paper can be tried on each.
 */
export const SAMPLE_TEXTS: readonly { name: string; text: string }[] = [
  { name: "action-plan-messy", text: actionPlan },
  { name: "savings-plan-messy", text: savingsPlan },
  { name: "dsg-budget", text: dsgBudget },
  { name: "dsg-budget-broken", text: dsgBudgetBroken },
  { name: "hnb-budget-monitoring", text: budgetMonitoring },
  { name: "dsg-outturn-by-block", text: outturnByBlock },
  { name: "dsg-balance-scenarios", text: balanceScenarios },
  { name: "dsg-movement", text: movement },
  { name: "ehcp-numbers", text: ehcpNumbers },
  { name: "strategy-scorecard", text: scorecard },
];
