import dataclasses

import pytest

from kronika.model import Mention, new_mention


def test_new_mention_is_the_same_mention_as_the_constructor():
    full = new_mention(3, 8, "Korei", "LOC", "Korea", "loc:korea")
    assert full == Mention(3, 8, "Korei", "LOC", "Korea", "loc:korea")
    assert hash(new_mention(0, 3, "Kim", "PER", "Kim")) == hash(Mention(0, 3, "Kim", "PER", "Kim"))
    assert new_mention(0, 3, "Kim", "PER", "Kim").entity_id is None
    assert dataclasses.replace(full, entity_id=None) == Mention(3, 8, "Korei", "LOC", "Korea")
    with pytest.raises(dataclasses.FrozenInstanceError):
        full.text = "Korea"  # still frozen
