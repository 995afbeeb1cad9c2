/** Fixed replies that belong to no use case. */
export const UNKNOWN_COMMAND = (word: string) => `不认识的命令“${word.slice(0, 20)}”。发送“帮助”查看你可以使用的命令。`
export const BUSY = '系统繁忙，请稍后再试。'
export const TOO_FAST = (name: string) =>
  `${name ? `${name}，` : ''}你发送命令太频繁了，请稍等片刻再发。稍后发送的命令会正常处理；这段时间内多发的命令不会执行。`
