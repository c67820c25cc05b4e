export { XlsxGateway } from './gateway';
export { cellValue, dateToSerial, readWorksheet } from './read';
export { describeUnkept, findUnkept, UNKEPT_KINDS, unkeptNotice, type UnkeptKind, type UnkeptPart } from './unkept';
export { NotWorkbookError, notWorkbookMessage, type NotWorkbookKind } from './not-workbook';
