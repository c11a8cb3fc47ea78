/**
 * The kinds of table, one folder each (how well a band fits it, what its columns mean in it),
 * registered here in one map keyed by kind. A kind imports the shared table rules (../../shape),
 * never another kind: lint holds that line.
 */
import type { KindRule } from "../shape/kind-rule";
import type { ShapeKind } from "../shape/types";
import { actionPlan } from "./action-plan";
import { budgetByBlock } from "./budget-by-block";
import { budgetLines } from "./budget-lines";
import { deficit } from "./deficit";
import { ehcpNumbers } from "./ehcp-numbers";
import { movement } from "./movement";
import { other } from "./other";
import { reserve } from "./reserve";
import { savingsPlan } from "./savings-plan";
import { scorecard } from "./scorecard";

export const KIND_RULES: ReadonlyMap<ShapeKind, KindRule> = new Map<ShapeKind, KindRule>(
  [actionPlan, savingsPlan, deficit, budgetLines, budgetByBlock, movement, reserve, scorecard, ehcpNumbers, other].map((rule) => [rule.kind, rule]),
);
