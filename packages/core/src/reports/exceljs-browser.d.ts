// exceljs's browser build (a UMD bundle), typed as the main module.
declare module 'exceljs/dist/exceljs.min.js' {
  import type * as ExcelJS from 'exceljs';
  const excel: typeof ExcelJS;
  export default excel;
}
