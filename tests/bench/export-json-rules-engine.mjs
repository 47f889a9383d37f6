// Exports seclead's leadership rule set (core/knowledge/rules.json) into json-rules-engine's
// JSON rule format (npm json-rules-engine 7): what a vendor would build seclead's decision
// with if they used a generic rules engine instead.
//
//   node tests/bench/export-json-rules-engine.mjs [OUT.json]     (default: standard output)
//
// Each seclead rule becomes {name, priority, conditions, event}: `when` is already in
// json-rules-engine's condition syntax ({all|any: [{fact, operator, value}]}) and is copied
// unchanged; the effect travels in the event's params. The decision is two passes, as in
// core/src/decision.cpp: pass 1 runs the scoring rules (effect.score) with the model unknown;
// pass 2 runs the reporting-line and DPO rules with the chosen model as the fact `model`.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

export function loadKnowledge(path = `${root}core/knowledge/rules.json`) {
  return JSON.parse(readFileSync(path, "utf8"));
}

export function exportRules(knowledge) {
  const n = knowledge.rules.length;
  const toRule = (rule, index, pass) => ({
    name: rule.id,
    priority: n - index,  // json-rules-engine runs higher priorities first: keep the KB order
    conditions: rule.when,
    event: {
      type: "seclead-rule",
      params: { id: rule.id, order: index, pass, ...rule.effect },
    },
  });
  const scoring = [];
  const decision = [];
  knowledge.rules.forEach((rule, i) => {
    if (rule.effect && rule.effect.score) scoring.push(toRule(rule, i, 1));
    if (rule.effect && (rule.effect.reportsTo || rule.effect.dpo)) decision.push(toRule(rule, i, 2));
  });
  return {
    format: "json-rules-engine@7",
    source: "core/knowledge/rules.json",
    base: knowledge.base,
    tieBreak: knowledge.tieBreak,
    scoring,
    decision,
  };
}

// The same model choice as decision.cpp's scoreModels: base + points of every fired scoring
// rule; the first model of tieBreak wins unless another is strictly higher.
export function chooseModel(exported, firedEvents) {
  const raw = { ...exported.base };
  for (const e of firedEvents) for (const [m, p] of Object.entries(e.params.score || {})) raw[m] = (raw[m] || 0) + p;
  let best = exported.tieBreak[0];
  for (const m of exported.tieBreak) if ((raw[m] || 0) > (raw[best] || 0)) best = m;
  return best;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const exported = exportRules(loadKnowledge());
  const text = JSON.stringify(exported, null, 2) + "\n";
  if (process.argv[2]) writeFileSync(process.argv[2], text);
  else process.stdout.write(text);
}
