/** A calm navy-and-neutral theme for a professional audience. */
import { createTheme, type MantineColorsTuple } from '@mantine/core';

const navy: MantineColorsTuple = [
  '#edf2f7',
  '#d9e2ec',
  '#b3c5d8',
  '#8aa6c2',
  '#6789ae',
  '#4f74a0',
  '#3f6592',
  '#2f527a',
  '#234264',
  '#17304b',
];

export const theme = createTheme({
  primaryColor: 'navy',
  primaryShade: { light: 8, dark: 5 },
  colors: { navy },
  defaultRadius: 'sm',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontFamily: 'Georgia, "Iowan Old Style", "Palatino Linotype", "Times New Roman", serif',
    fontWeight: '600',
  },
  components: {
    Button: { defaultProps: { fw: 600 } },
    // A badge is a word or two: never cut to "PENDI…" when a table column is tight.
    Badge: { defaultProps: { radius: 'sm' }, styles: { root: { minWidth: 'max-content' } } },
    Paper: { defaultProps: { radius: 'md' } },
  },
});
