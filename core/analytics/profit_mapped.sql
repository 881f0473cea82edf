-- Whether any order line carries a profit: gross profit is a selectable ABC metric only then.
select count(profit) > 0 as has_profit
from orders
