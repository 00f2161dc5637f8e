#!/usr/bin/env bash
# Turns an unpacked Basket distribution into the demo: adds the demo login basket/basket (hashed at its
# first login). DEMO ONLY: anyone who reads this script knows the password.
#   scripts/demo-profile.sh HOME
set -euo pipefail
home=$1
cat >> "$home/etc/users.properties" <<'USERS'

# DEMO ONLY - NOT FOR PRODUCTION: added by scripts/demo-profile.sh; anyone who reads that script knows
# this password. Before Basket manages anything real, delete this user and add your own.
basket = basket, _g_:admingroup
USERS
