#!/usr/bin/env bash
# Entry point of the one GluonStyleText image, which serves both AWS jobs (src/GluonStyleText.Aws.Host):
#   train            SageMaker starts a training container as `docker run IMAGE train`
#                    (reads /opt/ml/input, writes /opt/ml/model)
#   predict ARGS...  the Batch job definition's command (predict --bucket B --key K --etag E)
#   anything else    passed to the host unchanged (e.g. `docker run IMAGE --help`)
set -euo pipefail

# exec: the host becomes PID 1's process, so SageMaker's and Batch's SIGTERM reach it directly.
app=/app/GluonStyleText.Aws.Host.dll
exec dotnet "$app" "$@"
