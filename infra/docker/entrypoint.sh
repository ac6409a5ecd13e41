#!/usr/bin/env bash
# Entry point of the one GluonStyleText image, which serves both AWS jobs:
#   train            SageMaker starts a training container as `docker run IMAGE train`
#                    -> the IMDB CLI's container-train (reads /opt/ml/input, writes /opt/ml/model)
#   predict ARGS...  the Batch job definition's command (predict --bucket B --key K)
#                    -> the IMDB CLI's container-predict ARGS...
#   anything else    passed to the CLI unchanged (e.g. `docker run IMAGE --help`)
set -euo pipefail

app=/app/GluonStyleText.Samples.Imdb.dll

# exec: the CLI becomes PID 1's process, so SageMaker's and Batch's SIGTERM reach it directly.
case "${1:-}" in
  train)
    shift
    exec dotnet "$app" container-train "$@"
    ;;
  predict)
    shift
    exec dotnet "$app" container-predict "$@"
    ;;
  *)
    exec dotnet "$app" "$@"
    ;;
esac
