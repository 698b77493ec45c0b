// Command-line arguments for the operator scripts: `--name value` options, positionals, and usage errors
// (exit 2, naming the problem and the usage line).
export interface CliArgs {
  opt(name: string): string | undefined
  positional: string[]
  usage(message: string): never
}

export function cliArgs(
  command: string,
  usageLine: string,
  known: string[],
  argv = process.argv.slice(2),
): CliArgs {
  const usage = (message: string): never => {
    process.stderr.write(`${command}: ${message}\nusage: ${usageLine}\n`)
    process.exit(2)
  }
  const values = new Map<string, string>()
  const positional: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) {
      positional.push(a)
      continue
    }
    if (!known.includes(a)) usage(`unknown option ${a}`)
    const v = argv[i + 1]
    if (v === undefined || v.startsWith('--')) usage(`${a} needs a value`)
    values.set(a, v!)
    i++
  }
  return { opt: (name) => values.get(name), positional, usage }
}
