export { OfficeWorkbookGateway, type OfficeGatewayOptions } from './gateway';
export { officeHost, type OfficeHost } from './host';
