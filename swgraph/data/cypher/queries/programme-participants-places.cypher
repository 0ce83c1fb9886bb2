// Programmes: who runs them, who takes part, and where they happen
// Every programme or initiative with its owner, participating organisations (role, since)
// and the places of its activities (region codes and names).
// @param dataset string  dataset id (default: the only dataset loaded)
MATCH (prog:Programme {dataset: $dataset})
OPTIONAL MATCH (owner:Organisation)-[:RUNS]->(prog)
RETURN prog.id AS id, prog.name_zh AS name_zh, prog.subtype AS subtype, prog.launched AS launched, owner.id AS owner,
       COLLECT { MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(prog)
                 RETURN {organisation: o.id, role: r.role, since: r.since} AS x ORDER BY r.index } AS participants,
       coalesce(prog.activity_places, []) AS places, coalesce(prog.activity_place_names, []) AS place_names
ORDER BY id
