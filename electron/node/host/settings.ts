/** Small persisted settings of the host: recent workspaces. Written atomically. */
import fs from 'node:fs';
import path from 'node:path';

export interface Settings {
  recent: Array<{ path: string; name: string }>;
  lastWorkspace?: string;
}

export class SettingsFile {
  private readonly file: string;
  private data: Settings;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
    try {
      this.data = { recent: [], ...(JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<Settings>) };
    } catch {
      this.data = { recent: [] };
    }
  }

  get(): Settings {
    return this.data;
  }

  rememberWorkspace(p: string, name: string): void {
    this.data.recent = [{ path: p, name }, ...this.data.recent.filter((r) => r.path !== p)].slice(0, 12);
    this.data.lastWorkspace = p;
    this.save();
  }

  forgetLast(): void {
    this.data.lastWorkspace = undefined;
    this.save();
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    fs.renameSync(tmp, this.file);
  }
}
