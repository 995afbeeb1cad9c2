// One measurement of `npm run bench:render`, run as its own process (bundled, with the server's node flags) so its
// peak RSS is that board's alone. Prints one JSON line: render times and CPU times (ms), PNG bytes, RSS before and peak.
import { renderBoardPng } from '../../src/chat/pictures/render-board.ts'
import { BOARD_LABELS } from '../../src/chat/reply/board-labels.ts'
import { boardOf } from '../../test/support/boards.ts'

const [units = '0', iterations = '20', parallel = '1'] = process.argv.slice(2)
const board = boardOf(Number(units))
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
const rssStart = mb(process.memoryUsage().rss)
let peak = 0
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
}, 5)

// Warm-up: the font is registered and its cmap read on the first render, as in the server's first 销控.
for (let i = 0; i < 3; i++) await renderBoardPng(board, BOARD_LABELS)
const rssWarm = mb(process.memoryUsage().rss)
const times: number[] = []
// CPU time of the whole process (main thread and the encoding thread): what a render costs when it has a core to
// itself, less sensitive than wall time to other work on a shared machine
const cpu: number[] = []
let bytes = 0
for (let i = 0; i < Number(iterations); i++) {
  const t = performance.now()
  const c = process.cpuUsage()
  const pngs = await Promise.all(Array.from({ length: Number(parallel) }, () => renderBoardPng(board, BOARD_LABELS)))
  times.push(performance.now() - t)
  const used = process.cpuUsage(c)
  cpu.push((used.user + used.system) / 1000)
  bytes = pngs[0]?.length ?? 0
}
clearInterval(sampler)
const maxRss = process.resourceUsage().maxRSS * 1024
console.log(
  JSON.stringify({
    units: board.units.length,
    times,
    cpu,
    bytes,
    rssStart,
    rssWarm,
    peakRss: mb(Math.max(peak, maxRss)),
  }),
)
