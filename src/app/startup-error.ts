/**
 * Why the server could not start, for the person at the terminal: in Chinese and English, naming what to change.
 * `main` prints it without a stack trace and exits 1; nothing has been migrated or served when it is thrown.
 */
export class StartupError extends Error {
  override name = 'StartupError'
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh}\n${en}`)
  }
}

export const portInUse = (host: string, port: number) =>
  new StartupError(
    `端口 ${port} 已被占用：设置 PORT=${port + 1} 再试（例如 PORT=${port + 1} npm start），或先停止占用它的程序。`,
    `Port ${port} on ${host} is already in use: set PORT=${port + 1} and try again (PORT=${port + 1} npm start), or stop the program using it.`,
  )

export const databaseHeld = (file: string) =>
  new StartupError(
    `数据库文件 ${file} 正被另一个 Anchang 进程使用（SQLite 只能由一个服务进程使用）：先停止那个进程（Ctrl+C），或设置 DATABASE_URL=file:<另一个文件> 再试。`,
    `The database file ${file} is in use by another Anchang process (an SQLite file serves one server process): stop that process (Ctrl+C) first, or set DATABASE_URL=file:<another file>.`,
  )

export const databaseLocked = (file: string) =>
  new StartupError(
    `数据库文件 ${file} 被另一个程序锁定，无法迁移：关闭正在打开它的程序（例如 SQLite 查看工具）后再试。`,
    `The database file ${file} is locked by another program, so it cannot be migrated: close the program holding it open (an SQLite browser, say) and try again.`,
  )
