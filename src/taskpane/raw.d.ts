/** Files bundled as text by webpack's asset/source rule (`import text from "./file.tsv?raw"`). */
declare module "*?raw" {
  const text: string;
  export default text;
}
