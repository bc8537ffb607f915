/** A one-line progress bar on stderr; prints plain lines when stderr is not a terminal. */
export function progressBar(label: string) {
  const width = 30;
  let lastPercent = -1;
  return (done: number, total: number) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const filled = Math.round((percent / 100) * width);
    const bar = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent}% (${done}/${total})`;
    if (process.stderr.isTTY) process.stderr.write(`\r${bar}${done === total ? "\n" : ""}`);
    else if (percent % 10 === 0 || done === total) process.stderr.write(`${bar}\n`);
  };
}
