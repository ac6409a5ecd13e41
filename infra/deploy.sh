#!/usr/bin/env bash
# Deploys GluonStyleText to AWS: publishes the upload Lambda, builds the one container image,
# pushes it to the stack's ECR repository and creates or updates the CloudFormation stack
# (infra/cloudformation/gluonstyletext.json) with the job definition pinned to the pushed image's
# digest. The image is pushed before the stack update that points at it; a new stack is created
# first (its repository holds no image yet), then updated with the digest. Safe to run again: an
# unchanged stack is left alone, the Lambda zip is named after its content (and uploaded again if
# the object under that name holds other content), the image tag after the git commit (tags are
# immutable: a tag already in the repository is used as it is).
# Step by step, and what to do next: docs/aws-deployment.md.
#
# Written for bash 3.2 too (macOS): no associative arrays, no ${var,,}.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: infra/deploy.sh [options]

Creates or updates the GluonStyleText stack, its Lambda code and its container image.

options:
  --stack NAME            CloudFormation stack name (default: gluonstyletext)
  --region REGION         AWS region (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's)
  --profile PROFILE       AWS CLI profile
  --name-prefix PREFIX    lowercase prefix of the bucket and repository names, 2-24 characters
                          (default: the stack's current value, else the stack name lowercased)
  --vpc VPC_ID            VPC of the Batch jobs (default: the stack's current value, else the
                          region's default VPC, or the VPC of --subnets)
  --subnets ID,ID,...     subnets of the Batch jobs (default: the stack's current value, else
                          every subnet of the VPC)
  --image-tag TAG         image tag to build, push and run (default: the git commit, with
                          -dirty when the work tree has changes; with --skip-image, the
                          stack's current tag)
  --lambda-runtime NAME   dotnet10 (default) or dotnet8; the Lambda code is published for the
                          matching framework (net10.0 or net8.0)
  --artifacts-bucket NAME bucket for the Lambda zip and the packaged template (default:
                          <prefix>-deploy-<account>-<region>, created if missing)
  --parameter KEY=VALUE   any other template parameter, e.g. AssignPublicIp=DISABLED,
                          ComputeType=FARGATE_SPOT, JobMemoryMiB=8192 (repeatable)
  --skip-image            do not build or push the container image
  --dry-run               validate the template and print the commands without running them
                          (needs neither AWS credentials nor docker)
  -h, --help              show this help

examples:
  infra/deploy.sh --region eu-west-1
  infra/deploy.sh --region eu-west-1 --vpc vpc-0abc --subnets subnet-0a,subnet-0b \
                  --parameter AssignPublicIp=DISABLED
  infra/deploy.sh --region eu-west-1 --dry-run
EOF
}

die() { echo "deploy: error: $*" >&2; exit 1; }
say() { echo "deploy: $*"; }

# Quotes only what needs quoting, so printed commands can be pasted into a shell.
quote() {
  case "$1" in
    '' ) printf "''" ;;
    *[!A-Za-z0-9_./:=,@+%^-]* ) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
    * ) printf '%s' "$1" ;;
  esac
}

show() {
  local line="+" arg
  for arg in "$@"; do line="$line $(quote "$arg")"; done
  echo "$line"
}

# Runs a command, or only prints it in a dry run.
run() {
  show "$@"
  if ! $dry_run; then "$@"; fi
}

# lookup VAR PLACEHOLDER COMMAND...: sets VAR to the command's output, or to PLACEHOLDER in a
# dry run (which reads nothing from AWS).
lookup() {
  local lookup_var=$1 lookup_placeholder=$2 lookup_out
  shift 2
  if $dry_run; then
    show "$@"
    lookup_out=$lookup_placeholder
  else
    lookup_out=$("$@") || die "command failed: $(show "$@")"
  fi
  printf -v "$lookup_var" '%s' "$lookup_out"
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}

need_value() {
  [ $# -ge 2 ] && [ -n "$2" ] && [ "${2#--}" = "$2" ] || die "$1 needs a value (see --help)"
}

stack=gluonstyletext
region=""
profile=""
name_prefix=""
vpc=""
subnets=""
image_tag=""
lambda_runtime=dotnet10
artifacts_bucket=""
extra_params=()
skip_image=false
dry_run=false

while [ $# -gt 0 ]; do
  case "$1" in
    --stack) need_value "$@"; stack=$2; shift 2 ;;
    --region) need_value "$@"; region=$2; shift 2 ;;
    --profile) need_value "$@"; profile=$2; shift 2 ;;
    --name-prefix) need_value "$@"; name_prefix=$2; shift 2 ;;
    --vpc) need_value "$@"; vpc=$2; shift 2 ;;
    --subnets) need_value "$@"; subnets=$2; shift 2 ;;
    --image-tag) need_value "$@"; image_tag=$2; shift 2 ;;
    --lambda-runtime) need_value "$@"; lambda_runtime=$2; shift 2 ;;
    --artifacts-bucket) need_value "$@"; artifacts_bucket=$2; shift 2 ;;
    --parameter)
      need_value "$@"
      case "$2" in *=*) ;; *) die "--parameter takes KEY=VALUE, got '$2'" ;; esac
      extra_params+=("$2"); shift 2 ;;
    --skip-image) skip_image=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

case "$lambda_runtime" in
  dotnet10) lambda_framework=net10.0 ;;
  dotnet8) lambda_framework=net8.0 ;;
  *) die "--lambda-runtime must be dotnet10 or dotnet8, got '$lambda_runtime'" ;;
esac
if [ -n "$name_prefix" ] && ! [[ "$name_prefix" =~ ^[a-z0-9][a-z0-9-]{0,22}[a-z0-9]$ ]]; then
  die "--name-prefix '$name_prefix' must be 2-24 lowercase letters, digits or hyphens, starting and ending with a letter or digit"
fi

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
template=infra/cloudformation/gluonstyletext.json
dockerfile=infra/docker/Dockerfile
[ -f "$template" ] || die "$template not found under $repo_root"

$dry_run && say "dry run: nothing is built, uploaded or changed; values read from AWS are shown as <placeholders>"

# --- 1. tools ---------------------------------------------------------------------------------
tools="aws dotnet zip"
$skip_image || tools="$tools docker"
for tool in $tools; do
  if ! command -v "$tool" >/dev/null; then
    if $dry_run; then say "warning: '$tool' is not installed; a real run needs it"; else die "'$tool' is not installed (docs/aws-deployment.md, step 0)"; fi
  fi
done
if ! $dry_run && ! $skip_image; then
  docker info >/dev/null 2>&1 || die "docker is installed but its daemon is not reachable (start Docker, or pass --skip-image)"
fi

# --- 2. template ------------------------------------------------------------------------------
if command -v jq >/dev/null; then
  jq empty "$template" || die "$template is not valid JSON"
elif command -v python3 >/dev/null; then
  python3 -m json.tool "$template" >/dev/null || die "$template is not valid JSON"
else
  say "warning: neither jq nor python3 found; the template's JSON syntax is checked by AWS only"
fi
if command -v cfn-lint >/dev/null; then
  lint_status=0
  cfn-lint "$template" || lint_status=$?
  # cfn-lint's exit code is a bit mask: 1 fatal, 2 error, 4 warning, 8 informational.
  [ $((lint_status & 3)) -eq 0 ] || die "cfn-lint found errors in $template"
fi
say "template $template is valid JSON${lint_status+ and passes cfn-lint}"

# --- 3. where ---------------------------------------------------------------------------------
aws_opts=()
[ -n "$profile" ] && aws_opts+=(--profile "$profile")
if [ -z "$region" ]; then region=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}; fi
if [ -z "$region" ] && ! $dry_run; then region=$(aws ${aws_opts[@]+"${aws_opts[@]}"} configure get region 2>/dev/null || true); fi
if [ -z "$region" ]; then
  if $dry_run; then region="<region>"; else die "no AWS region: pass --region or set AWS_REGION"; fi
fi
aws_opts+=(--region "$region")
# Every AWS call goes through this, so a dry run prints the exact commands to paste.
aws=(aws "${aws_opts[@]}")

account=""
lookup account "<account-id>" "${aws[@]}" sts get-caller-identity --query Account --output text

stack_status=NONE
if ! $dry_run; then
  stack_status=$("${aws[@]}" cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo NONE)
fi
case "$stack_status" in
  ROLLBACK_COMPLETE|ROLLBACK_FAILED|DELETE_FAILED)
    die "stack '$stack' is in $stack_status (its creation failed). Read why with
  ${aws[*]} cloudformation describe-stack-events --stack-name $stack
then delete it with
  ${aws[*]} cloudformation delete-stack --stack-name $stack
and run this again." ;;
  *_IN_PROGRESS) die "stack '$stack' is busy ($stack_status); run this again when it is done" ;;
esac
stack_exists=false
[ "$stack_status" != NONE ] && stack_exists=true
if $stack_exists; then say "stack '$stack' exists ($stack_status): updating it"; else say "stack '$stack' will be created"; fi

stack_parameter() {
  "${aws[@]}" cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Parameters[?ParameterKey=='$1'].ParameterValue" --output text
}

if [ -z "$name_prefix" ]; then
  if $stack_exists; then
    name_prefix=$(stack_parameter NamePrefix)
  else
    name_prefix=$(printf '%s' "$stack" | tr '[:upper:]' '[:lower:]')
    [[ "$name_prefix" =~ ^[a-z0-9][a-z0-9-]{0,22}[a-z0-9]$ ]] || die "stack name '$stack' does not make a valid name prefix: pass --name-prefix"
  fi
fi

# Network: a new stack needs one; an existing stack keeps its own unless told otherwise, because
# a change replaces the compute environment.
if [ -n "$subnets" ] && [ -z "$vpc" ]; then
  lookup vpc "<vpc-of-${subnets%%,*}>" "${aws[@]}" ec2 describe-subnets --subnet-ids "${subnets%%,*}" --query 'Subnets[0].VpcId' --output text
fi
if [ -z "$vpc" ] && ! $stack_exists; then
  lookup vpc "<default-vpc-id>" "${aws[@]}" ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text
  [ "$vpc" != None ] && [ -n "$vpc" ] || die "region $region has no default VPC: pass --vpc and --subnets"
fi
if [ -n "$vpc" ] && [ -z "$subnets" ]; then
  lookup subnets "<subnet-ids>" "${aws[@]}" ec2 describe-subnets --filters "Name=vpc-id,Values=$vpc" --query 'Subnets[].SubnetId' --output text
  subnets=$(printf '%s' "$subnets" | tr -s '\t ' ',,')
  [ -n "$subnets" ] && [ "$subnets" != None ] || die "VPC $vpc has no subnets: pass --subnets"
fi

if [ -z "$image_tag" ] && ! $skip_image; then
  image_tag=latest
  if command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1; then
    image_tag=$(git rev-parse --short=12 HEAD)
    # Tags are immutable: a dirty tree gets a tag of its own each time.
    [ -z "$(git status --porcelain --untracked-files=no)" ] || image_tag="$image_tag-dirty-$(date -u +%Y%m%d%H%M%S)"
  fi
fi

[ -n "$artifacts_bucket" ] || artifacts_bucket="$name_prefix-deploy-$account-$region"
case "$region" in
  cn-*) partition="aws-cn" ;;
  us-gov-*) partition="aws-us-gov" ;;
  *) partition=aws ;;
esac
say "stack $stack, region $region, account $account, names $name_prefix-*, artifacts s3://$artifacts_bucket"

# --- 4. Lambda code (built locally first: a broken build changes nothing in AWS) ---------------
work=$(mktemp -d "${TMPDIR:-/tmp}/gluonstyletext-deploy.XXXXXX")
trap 'rm -rf "$work"' EXIT
run dotnet publish src/GluonStyleText.Aws.Lambda/GluonStyleText.Aws.Lambda.csproj -c Release -f "$lambda_framework" \
  -r linux-x64 --self-contained false -p:GenerateRuntimeConfigurationFiles=true -o "$work/lambda"
if $dry_run; then
  lambda_sha="<content-sha256>"
  lambda_hash="<content-hash>"
  echo "+ (cd $work/lambda && zip -q -r -X $work/lambda.zip .)"
else
  lambda_sha=$(cd "$work/lambda" && find . -type f | LC_ALL=C sort | while IFS= read -r file; do
    printf '%s  %s\n' "$(sha256 < "$file" | cut -d' ' -f1)" "$file"
  done | sha256 | cut -d' ' -f1)
  lambda_hash=$(printf '%s' "$lambda_sha" | cut -c1-16)
  (cd "$work/lambda" && zip -q -r -X "$work/lambda.zip" .)
fi
lambda_key="lambda/GluonStyleText.Aws.Lambda-$lambda_framework-$lambda_hash.zip"

# --- 5. image (built locally before any change in AWS) ----------------------------------------
if ! $skip_image; then
  # linux/amd64 even on ARM machines: the jobs run on x86_64 and the CPU backend is linux-x64.
  run docker build --platform linux/amd64 -f "$dockerfile" -t "gluonstyletext:$image_tag" .
fi

# --- 6. artifacts bucket and Lambda zip -------------------------------------------------------
# Every call on the bucket names its expected owner: a bucket of that name in another account
# (created by someone else, or after ours was deleted) is refused instead of used.
owner=(--expected-bucket-owner "$account")
bucket_exists=false
if ! $dry_run && "${aws[@]}" s3api head-bucket --bucket "$artifacts_bucket" "${owner[@]}" >/dev/null 2>&1; then bucket_exists=true; fi
if ! $bucket_exists; then
  $dry_run && say "(if s3://$artifacts_bucket does not exist yet)"
  if [ "$region" = us-east-1 ]; then
    run "${aws[@]}" s3api create-bucket --bucket "$artifacts_bucket"
  else
    run "${aws[@]}" s3api create-bucket --bucket "$artifacts_bucket" --create-bucket-configuration "LocationConstraint=$region"
  fi
  run "${aws[@]}" s3api put-public-access-block --bucket "$artifacts_bucket" "${owner[@]}" \
    --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  run "${aws[@]}" s3api put-bucket-encryption --bucket "$artifacts_bucket" "${owner[@]}" \
    --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
  run "${aws[@]}" s3api put-bucket-policy --bucket "$artifacts_bucket" "${owner[@]}" --policy \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyInsecureTransport\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:$partition:s3:::$artifacts_bucket\",\"arn:$partition:s3:::$artifacts_bucket/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"
fi
# The key carries 16 hex digits of the content hash; the object's metadata carries all 64, and
# only an object whose metadata matches is left as it is (a partial or foreign upload is replaced).
uploaded_sha=""
if ! $dry_run; then
  uploaded_sha=$("${aws[@]}" s3api head-object --bucket "$artifacts_bucket" --key "$lambda_key" "${owner[@]}" \
    --query 'Metadata."content-sha256"' --output text 2>/dev/null || true)
fi
if [ -n "$uploaded_sha" ] && [ "$uploaded_sha" = "$lambda_sha" ]; then
  say "Lambda code s3://$artifacts_bucket/$lambda_key is already uploaded (content-sha256 matches)"
else
  case "$uploaded_sha" in ''|None) ;; *) say "s3://$artifacts_bucket/$lambda_key holds other content (content-sha256 $uploaded_sha): uploading again" ;; esac
  run "${aws[@]}" s3 cp "$work/lambda.zip" "s3://$artifacts_bucket/$lambda_key" "${owner[@]}" --metadata "content-sha256=$lambda_sha"
fi

# --- 7. image push (before the stack update that points at it) -------------------------------
image_digest=""
# Pushes gluonstyletext:$image_tag to the stack's repository (unless the immutable tag is already
# there) and sets image_digest to the digest the repository holds for the tag.
push_image() {
  local repository_uri registry existing
  lookup repository_uri "<account-id>.dkr.ecr.$region.amazonaws.com/$name_prefix" "${aws[@]}" cloudformation describe-stacks \
    --stack-name "$stack" --query "Stacks[0].Outputs[?OutputKey=='ImageRepositoryUri'].OutputValue" --output text
  registry=${repository_uri%%/*}
  existing=""
  if ! $dry_run; then
    existing=$("${aws[@]}" ecr describe-images --repository-name "${repository_uri#*/}" --image-ids "imageTag=$image_tag" \
      --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)
  fi
  case "$existing" in
    sha256:*)
      say "image $repository_uri:$image_tag is already in the repository (tags are immutable): using it, $existing"
      image_digest=$existing
      return ;;
  esac
  if $dry_run; then
    echo "+ ${aws[*]} ecr get-login-password | docker login --username AWS --password-stdin $registry"
  else
    "${aws[@]}" ecr get-login-password | docker login --username AWS --password-stdin "$registry"
  fi
  run docker tag "gluonstyletext:$image_tag" "$repository_uri:$image_tag"
  run docker push "$repository_uri:$image_tag"
  lookup image_digest "<image-digest>" "${aws[@]}" ecr describe-images --repository-name "${repository_uri#*/}" \
    --image-ids "imageTag=$image_tag" --query 'imageDetails[0].imageDigest' --output text
  case "$image_digest" in
    sha256:*|'<image-digest>') ;;
    *) die "ECR reports no digest for $repository_uri:$image_tag after the push (got '$image_digest')" ;;
  esac
}
if ! $skip_image && $stack_exists; then push_image; fi

# --- 8. stack ---------------------------------------------------------------------------------
params=("NamePrefix=$name_prefix" "LambdaCodeBucket=$artifacts_bucket" "LambdaCodeKey=$lambda_key" "LambdaRuntime=$lambda_runtime")
[ -n "$vpc" ] && params+=("VpcId=$vpc")
[ -n "$subnets" ] && params+=("SubnetIds=$subnets")
# Not passing ImageTag or ImageDigest keeps the stack's current one (aws cloudformation deploy's rule).
[ -n "$image_tag" ] && params+=("ImageTag=$image_tag")
[ -n "$image_digest" ] && params+=("ImageDigest=$image_digest")
params+=(${extra_params[@]+"${extra_params[@]}"})
deploy_stack() {
  run "${aws[@]}" cloudformation deploy --stack-name "$stack" --template-file "$template" \
    --s3-bucket "$artifacts_bucket" --s3-prefix cloudformation \
    --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset \
    --tags project=gluonstyletext \
    --parameter-overrides "$@"
}
deploy_stack "${params[@]}"

# A new stack's repository exists only now: push, then point the job definition at the digest.
if ! $skip_image && ! $stack_exists; then
  push_image
  deploy_stack "${params[@]}" "ImageDigest=$image_digest"
fi

# --- 9. what next -----------------------------------------------------------------------------
if $dry_run; then
  say "dry run done"
  exit 0
fi
"${aws[@]}" cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].Outputs' --output table
outputs=$("${aws[@]}" cloudformation describe-stacks --stack-name "$stack" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)
output() { printf '%s\n' "$outputs" | awk -F '\t' -v key="$1" '$1 == key { print $2 }'; }
cat <<EOF

Deployed. Next steps (docs/aws-deployment.md, steps 4 to 9):
  4. aws s3 cp train.csv $(output TrainingDataUri)imdb/train.csv
  5. dotnet run --project samples/Imdb -c Release -- sagemaker-train \\
       --data-uri $(output TrainingDataUri)imdb/ --role-arn $(output SageMakerExecutionRoleArn) \\
       --image $(output ImageUri) --output-uri $(output SageMakerOutputUri) \\
       --instance-type ml.c5.2xlarge --config src/GluonStyleText/Options/Presets/seed.json
  6. infra/deploy.sh --skip-image --parameter ModelPrefix=sagemaker/<job name>/output/ (its model.tar.gz, as it is)
  7. aws s3 cp my.csv s3://$(output PredictBucketName)/
  8. aws logs tail $(output PredictJobLogGroupName) --follow
  9. aws s3 cp s3://$(output ResultsBucketName)/my_output.csv .
EOF
