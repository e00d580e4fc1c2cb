export { apigatewayService, API_PREFIX, type ApiGatewayApi } from './service';
export { proxyEvent, proxyResponse } from './proxy-event';
