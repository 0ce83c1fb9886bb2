// Hierarchy: the units and members below an organisation
// Organisations that are part of (PART_OF) or members of (MEMBER_OF) the given one, at any
// depth, with the path's first relation.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param org organisation = bnu  organisation at the top (id or name)
MATCH p = (child:Organisation)-[:MEMBER_OF|PART_OF*1..10]->(top:Organisation {dataset: $dataset, id: $org})
RETURN child.id AS id, child.name_zh AS name_zh, child.kind AS kind, length(p) AS depth,
       type(relationships(p)[0]) AS relation, nodes(p)[1].id AS directly_under
ORDER BY depth, id
