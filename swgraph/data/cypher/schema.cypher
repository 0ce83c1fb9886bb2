// swgraph Neo4j schema: generated from swgraph.core.registry by swgraph.neo4j.schema; do not edit.
// Regenerate: .venv/bin/python -m swgraph.neo4j.schema > cypher/schema.cypher
// Every statement is idempotent; `swgraph load` runs them before loading.

CREATE CONSTRAINT swgraph_node_uid IF NOT EXISTS FOR (n:SwgraphNode) REQUIRE n.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_dataset_id IF NOT EXISTS FOR (d:SwgraphDataset) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT swgraph_load_lock_dataset IF NOT EXISTS FOR (l:SwgraphLoadLock) REQUIRE l.dataset IS UNIQUE;
CREATE INDEX swgraph_node_dataset IF NOT EXISTS FOR (n:SwgraphNode) ON (n.dataset);
CREATE INDEX swgraph_node_id IF NOT EXISTS FOR (n:SwgraphNode) ON (n.id);
CREATE INDEX swgraph_organisation_id IF NOT EXISTS FOR (n:Organisation) ON (n.id);
CREATE INDEX swgraph_person_id IF NOT EXISTS FOR (n:Person) ON (n.id);
CREATE INDEX swgraph_record_id IF NOT EXISTS FOR (n:Record) ON (n.id);
CREATE INDEX swgraph_source_id IF NOT EXISTS FOR (n:Source) ON (n.id);
CREATE INDEX swgraph_organisation_province IF NOT EXISTS FOR (n:Organisation) ON (n.province);
CREATE INDEX swgraph_organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind);
CREATE INDEX swgraph_record_when IF NOT EXISTS FOR (n:Record) ON (n.when);
CREATE CONSTRAINT swgraph_rel_about_uid IF NOT EXISTS FOR ()-[r:ABOUT]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_at_uid IF NOT EXISTS FOR ()-[r:AT]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_attended_uid IF NOT EXISTS FOR ()-[r:ATTENDED]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_cites_uid IF NOT EXISTS FOR ()-[r:CITES]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_concerns_uid IF NOT EXISTS FOR ()-[r:CONCERNS]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_holds_uid IF NOT EXISTS FOR ()-[r:HOLDS]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_hosted_by_uid IF NOT EXISTS FOR ()-[r:HOSTED_BY]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_member_of_uid IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_participates_in_uid IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_party_to_uid IF NOT EXISTS FOR ()-[r:PARTY_TO]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_part_of_uid IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_reported_by_uid IF NOT EXISTS FOR ()-[r:REPORTED_BY]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_runs_uid IF NOT EXISTS FOR ()-[r:RUNS]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_took_part_in_uid IF NOT EXISTS FOR ()-[r:TOOK_PART_IN]-() REQUIRE r.uid IS UNIQUE;
CREATE CONSTRAINT swgraph_rel_visited_uid IF NOT EXISTS FOR ()-[r:VISITED]-() REQUIRE r.uid IS UNIQUE;
CREATE FULLTEXT INDEX swgraph_names IF NOT EXISTS FOR (n:SwgraphNode) ON EACH [n.name_text, n.name_zh, n.name_en, n.name_pinyin] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
