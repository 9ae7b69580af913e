// greengrass-ml: the command-line entry point (the linter's CI command).
const usage = 'Usage: greengrass-ml lint [--format text|json|sarif] [paths…]';

export function main(argv: readonly string[]): number {
  if (argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  process.stderr.write(`${usage}\n`);
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
