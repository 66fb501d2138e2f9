#!/usr/bin/env bash
# Benchmarks (docs/benchmarks.md): builds the node and the bench in Release, installs Azurite from the
# pinned npm package if missing, then runs the bench, which starts its own Azurite, node processes and the
# article's Flask node. Arguments go to the bench: ./bench.sh --quick, ./bench.sh --scenarios accept,
# ./bench.sh --verify-tx 100000, ./bench.sh --help. Results: a table on stdout and bench/results/<date>.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/azurite.sh
source scripts/azurite.sh

azurite_install
# Building the bench builds the self-hosted node (FunctionApp/SelfHost) it references, in the same configuration.
dotnet build bench/SmartChain.Bench.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/bin/Release/net10.0/SmartChain.Bench.dll "$@"
