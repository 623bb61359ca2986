"""Rebuild everything from sources/ and verify: python3 build/build_all.py"""
import build_roster
import build_test
import stats
import verify

build_roster.main()
build_test.main()
stats.main()
verify.main()
