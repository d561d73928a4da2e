import {useStdout} from 'ink';
import {useEffect} from 'react';

/** Calls `onResize` with the terminal's new size whenever it changes (SIGWINCH reaches stdout as 'resize'). */
export function useTerminalSize(onResize: (size: {columns: number; rows: number}) => void): void {
  const {stdout} = useStdout();
  useEffect(() => {
    const handler = () => onResize({columns: stdout.columns, rows: stdout.rows});
    stdout.on('resize', handler);
    return () => {
      stdout.off('resize', handler);
    };
  }, [stdout, onResize]);
}
