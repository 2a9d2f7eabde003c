package dev.floorgate.core.internal;

/**
 * The CSV of {@code GET /v1/replenishment?format=csv} (RFC 4180: comma separated, CRLF line ends, a header row).
 * A SKU is master data a tenant typed: a field is quoted when it holds a comma, quote or line break, and one that
 * a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe.
 */
final class SuggestionCsv {
    static final String HEADER = "sku,reorder,orderQty,position,onHand,reorderPoint,orderUpTo,safetyStock,"
            + "dailyForecast,leadTimeDemand,errorSd,method,censoredDays,leadTimeDays,reviewPeriodDays,serviceLevel,"
            + "moq,packSize";

    private SuggestionCsv() {
    }

    static String write(ReplenishmentController.Page page) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (ReplenishmentController.Item i : page.items()) {
            ReplenishmentController.SettingsBody s = i.settings();
            out.append(field(i.sku())).append(',').append(i.reorder()).append(',').append(i.orderQty()).append(',')
                    .append(i.position()).append(',').append(i.onHand()).append(',').append(i.reorderPoint())
                    .append(',').append(i.orderUpTo()).append(',').append(i.safetyStock()).append(',')
                    .append(i.dailyForecast()).append(',').append(i.leadTimeDemand()).append(',')
                    .append(i.errorSd()).append(',').append(i.method()).append(',').append(i.censoredDays())
                    .append(',').append(s.leadTimeDays()).append(',').append(s.reviewPeriodDays()).append(',')
                    .append(s.serviceLevel()).append(',').append(s.moq()).append(',').append(s.packSize())
                    .append("\r\n");
        }
        return out.toString();
    }

    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
