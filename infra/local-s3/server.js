#!/usr/bin/env node
// Local S3 server for GluonStyleText's tests and local pipeline: s3rver (a real S3 protocol
// server) with fixes in front of it, so that AWSSDK.S3 v4 clients work unchanged:
//  - request bodies sent with `Content-Encoding: aws-chunked` are decoded (s3rver would store the
//    chunk framing, signatures and checksum trailers as part of the object);
//  - every object-created event is printed on stdout in the shape AWS S3 delivers to Lambda;
//  - listings longer than one page work on Node 17+ (see allowSingleDes);
//  - GetObject and HeadObject honour If-Match (412 PreconditionFailed), as S3 does;
//  - multipart uploads follow S3's rules where s3rver 3.7.1 does not: AbortMultipartUpload and
//    ListMultipartUploads (s3rver answers 405 and NotImplemented), and CompleteMultipartUpload refuses
//    parts under 5 MiB other than the last (EntityTooSmall), parts out of order (InvalidPartOrder)
//    and parts never uploaded or with another ETag (InvalidPart), which s3rver accepts.
//
// Usage: node server.js [--port 0] [--address 127.0.0.1] [--directory DIR] [--bucket NAME]...
//                       [--region us-east-1] [--verbose]
// Protocol (stdout, one JSON object per line):
//   {"ready":true,"endpoint":"http://127.0.0.1:PORT"}     once, when listening
//   {"Records":[{...S3 event record...}]}                  once per object created
// Diagnostics go to stderr. The server exits when stdin closes, on SIGTERM and on SIGINT, so it
// never outlives the process that started it. Access key id and secret are both `S3RVER`.
'use strict';

const { AsyncLocalStorage } = require('async_hooks');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Transform } = require('stream');
const { pipeline } = require('stream/promises');
const S3rver = require('s3rver');
// s3rver's error type, so that our errors get its S3 XML error responses (the version is pinned).
const S3Error = require('s3rver/lib/models/error');

function parseArguments(argv) {
  const options = {
    port: 0,
    address: '127.0.0.1',
    directory: undefined,
    buckets: [],
    region: 'us-east-1',
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`missing value after ${name}`);
      return argv[++i];
    };
    switch (name) {
      case '--port': {
        const text = value();
        options.port = Number(text);
        if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
          fail(`--port must be an integer from 0 to 65535, got '${text}'`);
        break;
      }
      case '--address':
        options.address = value();
        break;
      case '--directory':
        options.directory = value();
        break;
      case '--bucket':
        options.buckets.push(value());
        break;
      case '--region':
        options.region = value();
        break;
      case '--verbose':
        options.verbose = true;
        break;
      default:
        fail(`unknown argument '${name}'`);
    }
  }
  return options;
}

function fail(message) {
  process.stderr.write(`local-s3: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// s3rver encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node 17+)
// only has in its legacy provider: every listing that needs a second page fails with a 500.
// Triple DES with three equal keys is single DES, byte for byte, and needs no legacy provider.
function allowSingleDes() {
  for (const name of ['createCipheriv', 'createDecipheriv']) {
    const original = crypto[name];
    crypto[name] = (algorithm, key, iv, options) =>
      algorithm === 'des'
        ? original('des-ede3-cbc', Buffer.concat([key, key, key]), iv, options)
        : original(algorithm, key, iv, options);
  }
}

// ---------------------------------------------------------------------------------------------
// aws-chunked decoding (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html).
// Body: chunks `hex-size[;chunk-signature=SIG]\r\n<size bytes>\r\n`, ending with a zero-size chunk,
// then optional trailer lines `name:value\r\n` and an empty line. Covers
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] and STREAMING-UNSIGNED-PAYLOAD-TRAILER.
// Signatures and checksums are not verified: s3rver does not verify SigV4 either.

const MAX_LINE = 64 * 1024;

class AwsChunkedDecoder extends Transform {
  constructor() {
    super();
    this.state = 'size'; // size -> data -> data-end -> size ... -> trailer -> done
    this.line = Buffer.alloc(0);
    this.remaining = 0;
    this.decodedLength = 0;
  }

  _transform(chunk, encoding, callback) {
    try {
      let offset = 0;
      while (offset < chunk.length) {
        if (this.state === 'data') {
          const take = Math.min(this.remaining, chunk.length - offset);
          this.push(chunk.subarray(offset, offset + take));
          this.decodedLength += take;
          this.remaining -= take;
          offset += take;
          if (this.remaining === 0) this.state = 'data-end';
        } else if (this.state === 'done') {
          if (chunk.subarray(offset).toString('latin1').trim() !== '')
            throw new Error('aws-chunked body has data after its final empty line');
          offset = chunk.length;
        } else {
          const end = chunk.indexOf(0x0a, offset);
          const stop = end === -1 ? chunk.length : end + 1;
          this.line = Buffer.concat([this.line, chunk.subarray(offset, stop)]);
          offset = stop;
          if (this.state === 'data-end' && this.line.length > 2)
            throw new Error('aws-chunked chunk data is not followed by CRLF');
          if (this.line.length > MAX_LINE)
            throw new Error(`aws-chunked ${this.state} line longer than ${MAX_LINE} bytes`);
          if (end !== -1) {
            const text = this.line.toString('latin1').replace(/\r?\n$/, '');
            this.line = Buffer.alloc(0);
            this.onLine(text);
          }
        }
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  onLine(text) {
    switch (this.state) {
      case 'size': {
        const sizeText = text.split(';')[0].trim();
        if (!/^[0-9a-fA-F]+$/.test(sizeText))
          throw new Error(`aws-chunked chunk header '${text.slice(0, 100)}' has no hex size`);
        this.remaining = parseInt(sizeText, 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
        break;
      }
      case 'data-end':
        if (text !== '')
          throw new Error('aws-chunked chunk data is not followed by CRLF');
        this.state = 'size';
        break;
      case 'trailer': {
        if (text === '') {
          this.state = 'done';
          break;
        }
        if (text.indexOf(':') <= 0)
          throw new Error(`aws-chunked trailer '${text.slice(0, 100)}' is not 'name:value'`);
        break;
      }
    }
  }

  _flush(callback) {
    // Tolerates a missing final empty line after the trailers; nothing else may be cut short.
    if (this.state === 'done' || (this.state === 'trailer' && this.line.length === 0)) callback();
    else callback(new Error(`aws-chunked body ended inside a chunk (state: ${this.state})`));
  }
}

// GetObject and HeadObject with If-Match: S3 answers 412 PreconditionFailed when the key holds
// another object than the ETags named (a prediction job reads the upload its event named, not a
// newer one); s3rver ignores the header. Path-style requests only, as LocalS3Server's clients send.
async function checkIfMatch(ctx) {
  const ifMatch = ctx.get('if-match');
  if (!ifMatch || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return;
  if (['acl', 'tagging', 'uploadId'].some(name => name in ctx.query)) return;
  const [bucket, ...rest] = ctx.path.slice(1).split('/').map(decodeURIComponent);
  const key = rest.join('/');
  if (!bucket || !key) return;
  let metadata;
  try {
    metadata = await ctx.store.getMetadata(bucket, key);
  } catch (err) {
    if (err.code === 'ENOENT') return; // s3rver answers NoSuchKey / NoSuchBucket
    throw err;
  }
  const wanted = ifMatch.split(',').map(tag => tag.trim());
  if (!wanted.includes('*') && !wanted.includes(metadata.etag)) {
    throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
      Condition: 'If-Match',
    });
  }
}

function isAwsChunked(headers) {
  const encodings = (headers['content-encoding'] || '').split(',').map(s => s.trim());
  return (
    encodings.includes('aws-chunked') ||
    /^STREAMING-/.test(headers['x-amz-content-sha256'] || '')
  );
}

// Decodes the whole body into a spool file before s3rver sees the request, so that a malformed
// or short body is rejected (400 IncompleteBody) without s3rver creating a truncated object; it
// ignores errors of its source stream. Then rewrites the request the way S3 sees it after
// decoding: the decoded length, and the content-encoding without aws-chunked (s3rver would store
// and serve it as object metadata). Returns the decoded body, which the caller must destroy.
async function decodeAwsChunkedRequest(ctx, spoolDirectory) {
  const headers = ctx.req.headers;
  const declaredLength = headers['x-amz-decoded-content-length'];
  const file = path.join(spoolDirectory, crypto.randomUUID());
  const decoder = new AwsChunkedDecoder();
  let problem;
  try {
    // Not pipeline(ctx.req, ...): on failure that would destroy the socket before the 400 is sent.
    ctx.req.on('error', err => decoder.destroy(err));
    ctx.req.pipe(decoder);
    await pipeline(decoder, fs.createWriteStream(file));
    if (declaredLength !== undefined && decoder.decodedLength !== Number(declaredLength))
      problem = `it holds ${decoder.decodedLength} bytes but x-amz-decoded-content-length is ${declaredLength}`;
  } catch (err) {
    problem = err.message;
  }
  if (problem) {
    ctx.req.unpipe(decoder);
    ctx.req.resume(); // drain what is left, so that the client gets to read the error
    fs.rmSync(file, { force: true });
    process.stderr.write(`local-s3: ${ctx.method} ${ctx.url}: malformed aws-chunked body: ${problem}\n`);
    throw new S3Error('IncompleteBody', `Malformed aws-chunked request body: ${problem}`);
  }

  const encodings = (headers['content-encoding'] || '')
    .split(',')
    .map(s => s.trim())
    .filter(s => s !== '' && s !== 'aws-chunked');
  if (encodings.length) headers['content-encoding'] = encodings.join(',');
  else delete headers['content-encoding'];
  headers['content-length'] = String(decoder.decodedLength);
  delete headers['x-amz-decoded-content-length'];
  delete headers['x-amz-trailer'];

  const body = fs.createReadStream(file);
  body.on('close', () => fs.rm(file, { force: true }, () => {}));
  // s3rver reads bodies only through ctx.req (PutObject, UploadPart, POST object).
  ctx.req = body;
  return body;
}

// Multipart uploads as S3 has them (s3rver keeps each upload in <bucket>/._S3rver_uploads/<id>/,
// with a file per part and its MD5 beside it, and the key in 'key').
const MinPartSize = 5 * 1024 * 1024;

function uploadsDirectory(store, bucket) {
  return store.getResourcePath(bucket, undefined, 'uploads');
}

function xmlEscape(text) {
  return text.replace(/[<>&'"]/g, ch => `&#${ch.charCodeAt(0)};`);
}

async function multipartRules(ctx, store) {
  const [bucket, ...rest] = ctx.path.slice(1).split('/').map(decodeURIComponent);
  const key = rest.join('/');
  if (!bucket) return false;
  const uploadId = ctx.query.uploadId;
  if (ctx.method === 'GET' && !key && 'uploads' in ctx.query) {
    const directory = uploadsDirectory(store, bucket);
    const ids = fs.existsSync(directory) ? fs.readdirSync(directory) : [];
    const uploads = ids
      .map(id => ({ id, key: fs.readFileSync(path.join(directory, id, 'key'), 'utf8') }))
      .filter(upload => upload.key.startsWith(ctx.query.prefix || ''));
    ctx.type = 'application/xml';
    ctx.body =
      '<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Bucket>${xmlEscape(bucket)}</Bucket><IsTruncated>false</IsTruncated>` +
      uploads.map(u => `<Upload><Key>${xmlEscape(u.key)}</Key><UploadId>${u.id}</UploadId></Upload>`).join('') +
      '</ListMultipartUploadsResult>';
    return true;
  }
  if (!key || typeof uploadId !== 'string') return false;
  const directory = path.join(uploadsDirectory(store, bucket), path.basename(uploadId));
  if (!fs.existsSync(directory) && (ctx.method === 'DELETE' || ctx.method === 'POST' || ctx.method === 'PUT'))
    throw new S3Error('NoSuchUpload', 'The specified upload does not exist.', { UploadId: uploadId });
  if (ctx.method === 'DELETE') {
    fs.rmSync(directory, { recursive: true, force: true });
    ctx.status = 204;
    return true;
  }
  if (ctx.method === 'POST') {
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const parts = [...body.toString('utf8').matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(match => ({
      number: Number((/<PartNumber>(\d+)<\/PartNumber>/.exec(match[1]) || [])[1]),
      etag: ((/<ETag>([^<]*)<\/ETag>/.exec(match[1]) || [])[1] || '').replace(/&quot;|"/g, ''),
    }));
    parts.forEach((part, index) => {
      if (index > 0 && part.number <= parts[index - 1].number)
        throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order.');
      const file = path.join(directory, String(part.number));
      if (!fs.existsSync(file) || fs.readFileSync(`${file}.md5`, 'utf8') !== part.etag)
        throw new S3Error('InvalidPart', 'One or more of the specified parts could not be found.', { PartNumber: part.number });
      if (index < parts.length - 1 && fs.statSync(file).size < MinPartSize)
        throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
          PartNumber: part.number,
          ProposedSize: fs.statSync(file).size,
          MinSizeAllowed: MinPartSize,
        });
    });
    const { Readable } = require('stream');
    const replay = Readable.from([body]);
    replay.headers = ctx.req.headers;
    ctx.req = replay;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// S3 event notifications in the shape AWS delivers them (event version 2.1).

// Keys in S3 events are form-encoded (`red flower.csv` -> `red+flower.csv`): like Java's
// URLEncoder, but '/' is kept.
function formEncodeKey(key) {
  return key
    .split('/')
    .map(segment =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase())
        .replace(/%20/g, '+'),
    )
    .join('/');
}

function createdEventName(ctx, s3rverEventName) {
  if (ctx) {
    if (ctx.method === 'POST' && ctx.query.uploadId !== undefined)
      return 'ObjectCreated:CompleteMultipartUpload';
    if (ctx.method === 'PUT' && ctx.get('x-amz-copy-source')) return 'ObjectCreated:Copy';
  }
  return s3rverEventName;
}

function toAwsEvent(s3rverEvent, ctx, region) {
  const source = s3rverEvent.Records[0];
  const bucket = source.s3.bucket.name;
  const object = source.s3.object;
  const eTag = object.eTag !== undefined ? object.eTag : (ctx && ctx.response.get('ETag')) || '';
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: source.eventTime,
        eventName: createdEventName(ctx, source.eventName),
        userIdentity: { principalId: 'AWS:S3RVER' },
        requestParameters: { sourceIPAddress: source.requestParameters.sourceIPAddress },
        responseElements: source.responseElements,
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local-s3',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'S3RVER' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: formEncodeKey(object.key),
            size: object.size,
            eTag: String(eTag).replace(/"/g, ''),
            sequencer: object.sequencer,
          },
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArguments(process.argv.slice(2));
  allowSingleDes();
  let ownDirectory;
  if (!options.directory) {
    ownDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'local-s3-'));
    options.directory = ownDirectory;
  }
  fs.mkdirSync(options.directory, { recursive: true });
  // Beside, not inside, the data folder: s3rver takes every folder in it for a bucket.
  const spoolDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'local-s3-spool-'));
  process.on('exit', () => {
    fs.rmSync(spoolDirectory, { recursive: true, force: true });
    if (ownDirectory) fs.rmSync(ownDirectory, { recursive: true, force: true });
  });

  const server = new S3rver({
    address: options.address,
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: options.buckets.map(name => ({ name })),
  });

  // The request being served, so that an event can tell PutObject from CompleteMultipartUpload.
  const currentRequest = new AsyncLocalStorage();
  // Runs before s3rver's own middleware: Koa composes app.middleware when the server listens.
  server.middleware.unshift(async (ctx, next) => {
    let decodedBody;
    try {
      if (isAwsChunked(ctx.req.headers)) decodedBody = await decodeAwsChunkedRequest(ctx, spoolDirectory);
      await checkIfMatch(ctx);
      if (await multipartRules(ctx, server.store)) return;
      await currentRequest.run(ctx, next);
    } catch (err) {
      if (options.verbose)
        process.stderr.write(`local-s3: ${ctx.method} ${ctx.url} -> ${err.status || 500} ${err.code || ''}\n`);
      throw err;
    } finally {
      // Deletes the spool file also when s3rver never read it (e.g. NoSuchBucket).
      if (decodedBody) decodedBody.destroy();
    }
    if (options.verbose) process.stderr.write(`local-s3: ${ctx.method} ${ctx.url} -> ${ctx.status}\n`);
  });

  server.on('event', event => {
    if (!event.Records[0].eventName.startsWith('ObjectCreated:')) return;
    const aws = toAwsEvent(event, currentRequest.getStore(), options.region);
    process.stdout.write(JSON.stringify(aws) + '\n');
  });
  // Client errors (NoSuchKey, ...) are part of the protocol; only report the unexpected.
  server.on('error', (err, ctx) => {
    if (!err.status || err.status >= 500)
      process.stderr.write(`local-s3: ${ctx ? `${ctx.method} ${ctx.url}: ` : ''}${err.stack || err}\n`);
  });

  const stop = () => process.exit(0);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const { address, port } = await server.run();
  const host = address.includes(':') ? `[${address}]` : address;
  process.stdout.write(JSON.stringify({ ready: true, endpoint: `http://${host}:${port}` }) + '\n');
}

main().catch(err => {
  process.stderr.write(`local-s3: ${err.stack || err}\n`);
  process.exit(1);
});
