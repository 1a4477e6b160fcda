"""``load_tensorflow()``: the import once per process and the garbage-collector freeze after it."""

import gc

from core.tf_runtime import load_tensorflow


def test_returns_same_modules_twice():
    first = load_tensorflow()
    second = load_tensorflow()
    assert first[0] is second[0]
    assert first[1] is second[1]


def test_tensorflow_state_left_out_of_collections():
    tf, keras = load_tensorflow()
    # gc.get_objects() lists the objects a collection walks, without the
    # frozen (permanent) generation.
    walked = {id(item) for item in gc.get_objects()}
    assert gc.get_freeze_count() > 0
    assert id(vars(tf)) not in walked
    assert id(vars(keras)) not in walked


def test_objects_made_later_still_collected():
    load_tensorflow()

    class Node:
        pass

    node = Node()
    node.self_reference = node
    assert gc.is_tracked(node)
    assert id(node) in {id(item) for item in gc.get_objects()}
