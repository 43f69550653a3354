import type { RouteObject } from 'react-router';
import { emailConfirmationPath } from '../../shared/contracts/vendors.js';
import { Layout } from './layout.js';
import { LandingPage } from './routes/landing.js';
import { NotFoundPage } from './routes/not-found.js';
import { RouteErrorPage } from './routes/route-error.js';
import { accountRoutes } from './routes/account-routes.js';
import { SignInPage } from './routes/sign-in.js';
import { AgencyPage } from './routes/agency.js';
import { CataloguePage } from './routes/catalogue.js';
import { CalendarAdminPage, CalendarPublicPage } from './routes/calendar.js';
import { MaklumatPage } from './routes/maklumat.js';
import { ServicePage } from './routes/service.js';
import { SurveyKioskPage } from './routes/survey-kiosk.js';
import { RequestSurveyPage } from './routes/survey-request.js';
import { SurveyResultsPage } from './routes/survey-results.js';
import { SurveyStaffPage } from './routes/survey-staff.js';
import { ComplaintFilePage, ComplaintStatisticsPage, ComplaintTrackPage } from './routes/complaint-public.js';
import { ComplaintStaffListPage, ComplaintStaffPage } from './routes/complaint-staff.js';
import { MyRequestPage, MyRequestsPage, RequestFilePage, RequestTrackPage } from './routes/request-public.js';
import { RequestIntakePage, RequestQueuePage, RequestStaffPage } from './routes/request-staff.js';
import { MyVendorPage, MyVendorsPage, RegisterMyVendorPage, VendorEmailConfirmationPage } from './routes/vendors.js';
import { VendorImportPage, VendorRegisterStaffPage, VendorRegistryPage, VendorStaffPage } from './routes/vendors-staff.js';
import { WorkPage } from './routes/work.js';

/**
 * Every page of the web app. Paths are Indonesian because the public reads them
 * (`/masuk` = sign in); a feature adds its routes here.
 */
const pages: RouteObject[] = [
  { index: true, element: <LandingPage /> },
  { path: 'masuk', element: <SignInPage /> },
  { path: 'kerja', element: <WorkPage /> },
  { path: 'layanan', element: <CataloguePage /> },
  { path: 'instansi/:code', element: <AgencyPage /> },
  { path: 'instansi/:code/layanan/:service', element: <ServicePage /> },
  { path: 'instansi/:code/maklumat', element: <MaklumatPage /> },
  { path: 'instansi/:code/kalender', element: <CalendarPublicPage /> },
  { path: 'kelola/:agency/kalender', element: <CalendarAdminPage /> },
  { path: 'instansi/:code/survei', element: <SurveyResultsPage /> },
  { path: 'instansi/:code/survei/:service', element: <SurveyKioskPage /> },
  { path: 'kelola/:agency/survei', element: <SurveyStaffPage /> },
  { path: 'instansi/:code/pengaduan', element: <ComplaintFilePage /> },
  { path: 'instansi/:code/pengaduan/lacak', element: <ComplaintTrackPage /> },
  { path: 'instansi/:code/pengaduan/statistik', element: <ComplaintStatisticsPage /> },
  { path: 'kelola/:agency/pengaduan', element: <ComplaintStaffListPage /> },
  { path: 'kelola/:agency/pengaduan/:number', element: <ComplaintStaffPage /> },
  { path: 'instansi/:code/layanan/:service/ajukan', element: <RequestFilePage /> },
  { path: 'lacak', element: <RequestTrackPage /> },
  { path: 'lacak/:number', element: <RequestTrackPage /> },
  { path: 'lacak/:number/survei', element: <RequestSurveyPage /> },
  { path: 'akun/permohonan', element: <MyRequestsPage /> },
  { path: 'akun/permohonan/:number', element: <MyRequestPage /> },
  { path: 'kelola/:agency/permohonan', element: <RequestQueuePage /> },
  { path: 'kelola/:agency/permohonan/baru', element: <RequestIntakePage /> },
  { path: 'kelola/:agency/permohonan/:number', element: <RequestStaffPage /> },
  { path: 'penyedia', element: <MyVendorsPage /> },
  { path: 'penyedia/daftar', element: <RegisterMyVendorPage /> },
  // The page the e-mail change link opens (the server builds the link from the same constant).
  { path: emailConfirmationPath.slice(1), element: <VendorEmailConfirmationPage /> },
  { path: 'penyedia/:vendorId', element: <MyVendorPage /> },
  { path: 'kelola/:agency/penyedia', element: <VendorRegistryPage /> },
  { path: 'kelola/:agency/penyedia/baru', element: <VendorRegisterStaffPage /> },
  { path: 'kelola/:agency/penyedia/impor', element: <VendorImportPage /> },
  { path: 'kelola/:agency/penyedia/:vendorId', element: <VendorStaffPage /> },
  ...accountRoutes,
  { path: '*', element: <NotFoundPage /> },
];

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // A page that fails while drawing shows an apology inside the layout, not the router's developer message.
    children: [{ errorElement: <RouteErrorPage />, children: pages }],
  },
];
