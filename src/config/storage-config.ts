/**
 * What storage needs from AppConfig (the environment is read there, not here):
 * STORAGE_DRIVER, UPLOADS_DIR, S3_*, UPLOAD_MAX_FILE_MB and UPLOAD_TEMP_MAX_AGE_MINUTES.
 */
export interface StorageConfig {
  /** STORAGE_DRIVER: `local` (default) or `s3`. */
  driver: 'local' | 's3';
  /** UPLOADS_DIR, resolved: the root of the local driver. */
  uploadsDir: string;
  /** Required when `driver` is `s3`. */
  s3?: S3StorageConfig;
  /** UPLOAD_MAX_FILE_MB × 1 MiB; default 50 MiB. */
  maxFileBytes: number;
  /** Temp objects older than this are abandoned uploads, swept at boot and by verify; default 24 h. */
  tempMaxAgeMs: number;
}

export interface S3StorageConfig {
  /** S3_BUCKET */
  bucket: string;
  /** S3_REGION, default `us-east-1` (most S3-compatible stores ignore it but the SDK needs one). */
  region: string;
  /** S3_ENDPOINT, e.g. `http://minio:9000`; unset for AWS. */
  endpoint?: string;
  /** S3_FORCE_PATH_STYLE, default false; true for MinIO and most self-hosted stores. */
  forcePathStyle: boolean;
  /** S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY; unset to use the SDK's default credential chain. */
  accessKeyId?: string;
  secretAccessKey?: string;
}
