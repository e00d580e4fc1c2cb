import { AwsError, type AwsErrorOptions } from '../../core/errors';

/**
 * S3's errors: `name` is S3's error code (`NoSuchKey`, `NoSuchBucket`...), the
 * HTTP status S3's own, extra fields (`Key`, `BucketName`) in the XML error body.
 */
export class S3Error extends AwsError {
  constructor(code: string, message: string, statusCode: number, options: AwsErrorOptions = {}) {
    super(code, message, { statusCode, ...options });
  }
}

export class NoSuchBucket extends S3Error {
  constructor(bucket: string) {
    super('NoSuchBucket', 'The specified bucket does not exist', 404, { fields: { BucketName: bucket } });
  }
}

export class NoSuchKey extends S3Error {
  constructor(key: string) {
    super('NoSuchKey', 'The specified key does not exist.', 404, { fields: { Key: key } });
  }
}

/** HeadObject / HeadBucket on something missing: S3 answers a bare 404 (HEAD has no body). */
export class NotFound extends S3Error {
  constructor() {
    super('NotFound', 'Not Found', 404);
  }
}

export class NoSuchUpload extends S3Error {
  constructor(uploadId: string) {
    super(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { fields: { UploadId: uploadId } },
    );
  }
}

export class NoSuchLifecycleConfiguration extends S3Error {
  constructor(bucket: string) {
    super('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404, { fields: { BucketName: bucket } });
  }
}

export class BucketAlreadyOwnedByYou extends S3Error {
  constructor(bucket: string) {
    super('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, {
      fields: { BucketName: bucket },
    });
  }
}

export class BucketNotEmpty extends S3Error {
  constructor(bucket: string) {
    super('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { fields: { BucketName: bucket } });
  }
}

export class InvalidBucketName extends S3Error {
  constructor(bucket: string) {
    super('InvalidBucketName', 'The specified bucket is not valid.', 400, { fields: { BucketName: bucket } });
  }
}

export class InvalidArgument extends S3Error {
  constructor(message: string, fields: Record<string, string> = {}) {
    super('InvalidArgument', message, 400, { fields });
  }
}

export class InvalidRange extends S3Error {
  constructor(size: number) {
    super('InvalidRange', 'The requested range is not satisfiable', 416, { fields: { ActualObjectSize: String(size) } });
  }
}

export class InvalidPart extends S3Error {
  constructor(part: number) {
    super('InvalidPart', 'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.', 400, {
      fields: { PartNumber: String(part) },
    });
  }
}

export class InvalidPartOrder extends S3Error {
  constructor() {
    super('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400);
  }
}

export class EntityTooSmall extends S3Error {
  constructor(part: number) {
    super('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, { fields: { PartNumber: String(part) } });
  }
}

/** The body does not match the checksum or Content-MD5 the client sent. */
export class BadDigest extends S3Error {
  constructor(message: string) {
    super('BadDigest', message, 400);
  }
}

export class PreconditionFailed extends S3Error {
  constructor(condition: string) {
    super('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { fields: { Condition: condition } });
  }
}

/** A conditional GET matched (If-None-Match / If-Modified-Since): 304 with no body. */
export class NotModified extends S3Error {
  constructor() {
    super('NotModified', 'Not Modified', 304);
  }
}

export class MalformedXML extends S3Error {
  constructor(detail: string) {
    super('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema: ${detail}`, 400);
  }
}
