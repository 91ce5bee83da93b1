"""The data model: plain dataclasses, no I/O, no NLP imports."""

from kronika.model.document import SPAN_LAYERS, Document, OffsetError, language_code, make_doc_id
from kronika.model.events import Certainty, Event, Role
from kronika.model.mentions import ENTITY_TYPES, Entity, Mention, new_mention
from kronika.model.quantities import Hedge, Quantity
from kronika.model.source import Attribution, Source
from kronika.model.times import TIME_TYPES, TimeExpr
from kronika.model.tokens import END, START, Sentence, Token, TokenColumns, new_token, token_columns

__all__ = [
    "SPAN_LAYERS", "Document", "OffsetError", "language_code", "make_doc_id", "Certainty", "Event", "Role",
    "ENTITY_TYPES", "Entity", "Mention", "new_mention", "Hedge", "Quantity", "Attribution", "Source",
    "TIME_TYPES", "TimeExpr", "START", "END", "Sentence", "Token", "TokenColumns", "new_token", "token_columns",
]
