

def test_the_unknown_name_stand_in_hash_has_the_current_parameters():
    from models.accounts import users
    from models.accounts.records import needs_rehash

    assert not needs_rehash(users._NO_SUCH_USER)
    assert users._no_such_user() == users._NO_SUCH_USER
