/* Calendar arithmetic (calendar.h): the year is taken to start in March, so
 * that February's variable length falls last, and counted in 400-year eras of
 * 146097 days each. */
#include "lib/calendar.h"

int64_t calendar_days_since_epoch(int64_t year, unsigned month, unsigned day)
{
	if (month <= 2)
		year--;
	int64_t era = (year >= 0 ? year : year - 399) / 400;
	int64_t year_of_era = year - era * 400;
	int64_t month_from_march = month > 2 ? (int64_t)month - 3 : (int64_t)month + 9;
	int64_t day_of_year = (153 * month_from_march + 2) / 5 + (int64_t)day - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468; /* 719468: days from 0000-03-01 to 1970-01-01 */
}

int64_t calendar_unix_seconds(int64_t year, unsigned month, unsigned day, unsigned hours,
                              unsigned minutes, unsigned seconds)
{
	return calendar_days_since_epoch(year, month, day) * 86400 + (int64_t)hours * 3600 +
	       (int64_t)minutes * 60 + (int64_t)seconds;
}
