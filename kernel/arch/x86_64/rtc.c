/* Reads the CMOS RTC (ports 0x70/0x71): waits out an update in progress, reads
 * twice until two reads agree, decodes BCD and 12-hour formats, then converts
 * the date to seconds since the Unix epoch (lib/calendar.c). */
#include "arch/x86_64/rtc.h"
#include "arch/x86_64/cpu_ops.h"
#include "lib/calendar.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

#define RTC_SECONDS  0x00
#define RTC_MINUTES  0x02
#define RTC_HOURS    0x04
#define RTC_DAY      0x07
#define RTC_MONTH    0x08
#define RTC_YEAR     0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY  0x32 /* the ACPI FADT's usual century register */

#define STATUS_A_UPDATING 0x80
#define STATUS_B_24_HOUR  0x02
#define STATUS_B_BINARY   0x04
#define HOUR_PM           0x80

struct rtc_fields {
	uint8_t seconds, minutes, hours, day, month, year, century;
};

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg | 0x80); /* bit 7 keeps NMIs disabled while we look */
	return inb(CMOS_DATA);
}

static bool cmos_updating(void)
{
	return (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING) != 0;
}

static void read_fields(struct rtc_fields *fields)
{
	for (unsigned spins = 0; spins < 1000000 && cmos_updating(); spins++)
		cpu_relax();
	fields->seconds = cmos_read(RTC_SECONDS);
	fields->minutes = cmos_read(RTC_MINUTES);
	fields->hours = cmos_read(RTC_HOURS);
	fields->day = cmos_read(RTC_DAY);
	fields->month = cmos_read(RTC_MONTH);
	fields->year = cmos_read(RTC_YEAR);
	fields->century = cmos_read(RTC_CENTURY);
}

static bool same_fields(const struct rtc_fields *a, const struct rtc_fields *b)
{
	return a->seconds == b->seconds && a->minutes == b->minutes && a->hours == b->hours &&
	       a->day == b->day && a->month == b->month && a->year == b->year &&
	       a->century == b->century;
}

static uint8_t from_bcd(uint8_t value)
{
	return (uint8_t)((value >> 4) * 10 + (value & 0x0f));
}

bool rtc_read_unix_seconds(uint64_t *seconds)
{
	struct rtc_fields first, second;
	read_fields(&first);
	unsigned attempts = 0;
	for (;;) {
		read_fields(&second);
		if (same_fields(&first, &second))
			break;
		if (++attempts == 16)
			return false;
		first = second;
	}
	uint8_t status_b = cmos_read(RTC_STATUS_B);
	bool pm = (second.hours & HOUR_PM) != 0;
	second.hours &= (uint8_t)~HOUR_PM;
	if (!(status_b & STATUS_B_BINARY)) {
		second.seconds = from_bcd(second.seconds);
		second.minutes = from_bcd(second.minutes);
		second.hours = from_bcd(second.hours);
		second.day = from_bcd(second.day);
		second.month = from_bcd(second.month);
		second.year = from_bcd(second.year);
		second.century = from_bcd(second.century);
	}
	if (!(status_b & STATUS_B_24_HOUR)) {
		if (second.hours == 12)
			second.hours = 0;
		if (pm)
			second.hours += 12;
	}
	unsigned century = second.century >= 19 && second.century <= 99 ? second.century : 20;
	int64_t year = (int64_t)century * 100 + second.year;
	if (second.month < 1 || second.month > 12 || second.day < 1 || second.day > 31 ||
	    second.hours > 23 || second.minutes > 59 || second.seconds > 60 || year < 1970)
		return false;
	*seconds = (uint64_t)calendar_unix_seconds(year, second.month, second.day, second.hours,
	                                           second.minutes, second.seconds);
	return true;
}
