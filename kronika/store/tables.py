"""The relational layout: one table per annotation kind, each with ``doc_id, seq, start, end, text``.

``seq`` is the item's position in its layer, so a document read back lists its annotations in the
order the pipeline produced them. No schema name is set anywhere: PostgreSQL puts the tables in the
first schema of the connection's ``search_path`` (the tests give every test its own schema).

Example row of ``mentions``: ``("9f2c…", 0, 17, 30, "Kim Dzong Una", "PER", "Kim Dzong Un", "per:kim-dzong-un")``.
"""

from __future__ import annotations

import sqlalchemy as sa

# Bump when a table or column changes; a database written by a newer Kronika is refused.
SCHEMA_VERSION = 1

metadata = sa.MetaData()


def _doc_fk() -> sa.Column:
    return sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


def _span() -> list[sa.Column]:
    return [
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    ]


schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("external_id", sa.String),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String),  # ISO prefix with implied precision: "2024-10" or "2024-10-01"
    sa.Column("outlet", sa.String),
    sa.Column("path", sa.Text),
    sa.Column("lang", sa.String, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("duplicate_of", sa.String),
    sa.Column("produced_by", sa.JSON, nullable=False),
    sa.Column("meta", sa.JSON, nullable=False),
    # Sentences and tokens are read whole or not at all, so one compact JSON blob beats a million rows:
    # {"sentences": [[start, end], …], "tokens": [[start, end, lemma, tag, proper], …]}.
    sa.Column("layers", sa.JSON, nullable=False),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_external_id", "external_id"),
)

mentions = sa.Table(
    "mentions", metadata,
    _doc_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span(),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("base", sa.Text, nullable=False),
    sa.Column("entity_id", sa.String),
    sa.Index("ix_mentions_entity_id", "entity_id"),
)

times = sa.Table(
    "times", metadata,
    _doc_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span(),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("value", sa.String),
    sa.Column("anchored", sa.Boolean, nullable=False),
    sa.Column("end_value", sa.String),
    sa.Index("ix_times_value", "value"),
)

quantities = sa.Table(
    "quantities", metadata,
    _doc_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span(),
    sa.Column("value", sa.Double, nullable=False),
    sa.Column("value_max", sa.Double),
    sa.Column("unit", sa.String),
    sa.Column("counted", sa.String),
    sa.Column("hedge", sa.String, nullable=False),
    sa.Column("per", sa.String),
)

attributions = sa.Table(
    "attributions", metadata,
    _doc_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span(),
    sa.Column("source_name", sa.Text, nullable=False),
    sa.Column("source_entity_id", sa.String),
)

events = sa.Table(
    "events", metadata,
    _doc_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    *_span(),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("certainty", sa.String, nullable=False),
    # The event's own time, quantities and attribution as the serializer writes them; time_value is
    # copied out so a timeline can sort and filter without parsing JSON.
    sa.Column("time", sa.JSON),
    sa.Column("time_value", sa.String),
    sa.Column("quantities", sa.JSON, nullable=False),
    sa.Column("attribution", sa.JSON),
    sa.Index("ix_events_type", "type"),
    sa.Index("ix_events_time_value", "time_value"),
)

# Roles get their own rows because graph queries ask "which events have this entity as agent".
event_roles = sa.Table(
    "event_roles", metadata,
    _doc_fk(),
    sa.Column("event_seq", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    *_span(),
    sa.Column("entity_id", sa.String),
    sa.Index("ix_event_roles_entity_id", "entity_id"),
)

# The entities one document saw, exactly as it saw them (so get() round-trips), ...
doc_entities = sa.Table(
    "doc_entities", metadata,
    _doc_fk(),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.String, nullable=False),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("kb_id", sa.String),
    sa.Column("canonical_id", sa.String),
    sa.Index("ix_doc_entities_entity_id", "entity_id"),
)

# ... how many documents vote for each value of an entity (field "doc" counts the documents, "name",
# "type", "alias", "kb_id", "canonical_id" their values), kept by adding a save's difference, so a
# save costs the size of its own entities however many documents share them ...
entity_values = sa.Table(
    "entity_values", metadata,
    sa.Column("entity_id", sa.String, primary_key=True),
    sa.Column("field", sa.String, primary_key=True),
    sa.Column("value", sa.Text, primary_key=True),
    sa.Column("docs", sa.Integer, nullable=False),
)

# ... and the merged view across documents, recomputed from entity_values for every entity a save
# changes, so re-saving one document can never drop an alias another document contributed.
entities = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("kb_id", sa.String),
    sa.Column("canonical_id", sa.String),  # set by an analyst or linker merge; kept across re-saves
    sa.Column("documents", sa.Integer, nullable=False),  # how many stored documents mention it
    sa.Index("ix_entities_type", "type"),
)

# Per-document tables, children first: the order rows are deleted in when a document is replaced.
DOC_TABLES = (event_roles, events, attributions, quantities, times, mentions, doc_entities)
