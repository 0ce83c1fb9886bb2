// Datasets loaded: what is in this database
// One row per dataset swgraph loaded, with its title, load status and counts.
MATCH (d:SwgraphDataset)
RETURN d.id AS id, d.title_zh AS title_zh, d.status AS status, d.node_count AS nodes,
       d.relationship_count AS relationships, d.synthetic_records AS synthetic_records, d.data_date AS data_date
ORDER BY id
