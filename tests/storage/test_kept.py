from gamification.storage.kept import Kept


def test_what_a_process_keeps_is_emptied_when_full_never_grows_past_its_limit():
    kept: Kept[int, str] = Kept(limit=3)
    assert [kept.keep(n, str(n)) for n in range(3)] == ["0", "1", "2"]
    assert kept.keep(3, "3") == "3" and kept == {3: "3"}
    kept.keep_all({4: "4", 5: "5"})
    assert kept == {3: "3", 4: "4", 5: "5"}
    kept.keep_all({6: "6"})
    assert kept == {6: "6"}
