/**
 * The desktop's Neo4j password store: encrypted with Electron safeStorage (macOS Keychain,
 * Windows DPAPI, libsecret/kwallet on Linux) into `<dataDir>/neo4j-password.bin`. When the OS offers
 * no encryption (a Linux session without a keyring), the password is kept in memory for this
 * session only — never written in plain text.
 */
import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../node/host/handlers/neo4j-handlers';

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string;
  private sessionOnly: string | undefined;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'neo4j-password.bin');
  }

  get persisted(): boolean {
    return safeStorage.isEncryptionAvailable();
  }

  load(): string | undefined {
    if (this.sessionOnly !== undefined) return this.sessionOnly;
    if (!this.persisted) return undefined;
    try {
      return safeStorage.decryptString(fs.readFileSync(this.file));
    } catch {
      // Missing, or encrypted by another OS user / keyring: as if none was saved.
      return undefined;
    }
  }

  save(secret: string): void {
    if (!this.persisted) {
      this.sessionOnly = secret;
      return;
    }
    this.sessionOnly = undefined;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, safeStorage.encryptString(secret), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  clear(): void {
    this.sessionOnly = undefined;
    fs.rmSync(this.file, { force: true });
  }
}
