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


def test_slot_setters_refuse_a_class_whose_fields_changed():
    # A fast constructor written for other fields would leave one unset: it must fail at import.
    from kronika.model.slots import slot_setters

    @dataclasses.dataclass(frozen=True, slots=True)
    class Pair:
        a: int
        b: int

    set_a, set_b = slot_setters(Pair, ("a", "b"))
    p = object.__new__(Pair)
    set_a(p, 1)
    set_b(p, 2)
    assert p == Pair(1, 2)
    with pytest.raises(RuntimeError, match="Pair changed"):
        slot_setters(Pair, ("a", "b", "c"))

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            assert self.a >= 0

    with pytest.raises(RuntimeError, match="Checked changed"):
        slot_setters(Checked, ("a",))
