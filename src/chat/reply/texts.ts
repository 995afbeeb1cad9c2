/** Fixed replies that belong to no use case. */
export const UNKNOWN_COMMAND = (word: string) => `不认识的命令“${word.slice(0, 20)}”。发送“帮助”查看你可以使用的命令。`
export const BUSY = '系统繁忙，请稍后再试。'
