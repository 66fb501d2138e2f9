#!/usr/bin/env bash
# Regenerates the explorer's screenshots in docs/explorer/ (home, chain, block, transaction, account; phone 390 px and
# desktop 1440 px) by running the browser test that takes them against a real node on a private Azurite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p docs/explorer
SMARTCHAIN_EXPLORER_SCREENSHOTS="$(pwd)/docs/explorer" ./test.sh \
    --filter "FullyQualifiedName~ExplorerBrowserTests.MainViewsFitTheScreenWidthAndAreScreenshotted"
ls -1 docs/explorer/*.png
