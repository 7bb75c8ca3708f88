/** The backup module's public surface (docs/operations.md, Backup and restore). */
export { BackupError, piiKeyCheck, readManifest, restoreBackup, writeBackup, type BackupManifest } from './backup'
export { localFileStores, objectFileStores, STORE_NAMES, type BackupFileStore, type StoreName } from './file-stores'
export { RestoreRefusedError, tableCounts } from './repository'
